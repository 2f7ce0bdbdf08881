import { StoresyncError } from '@storesync/protocol';
import type { FastifyInstance } from 'fastify';
import './route-config.js';

/**
 * Accepts `application/json` only (anything else answers 415) and keeps the
 * raw text on the request, so that a refused body reaches the quarantine as sent.
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.decorateRequest('rawBody', null);

  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    request.rawBody = text;

    // An empty body is fine where none is expected (POST /v1/sync), not on a capture.
    if (text === '' && request.routeOptions.config.captureKind === undefined) {
      done(null, undefined);
      return;
    }

    try {
      done(null, JSON.parse(text));
    } catch (err) {
      const message = `the body is not valid JSON: ${(err as Error).message}`;
      done(new StoresyncError('INVALID_JSON', message, {}, { cause: err }), undefined);
    }
  });
}
