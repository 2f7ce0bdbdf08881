import { errorBody, httpStatusOf, toStoresyncError } from '@storesync/protocol';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LoginLockedError } from '../operators/errors.js';

/**
 * The one place errors become answers: `{ code, message, errors? }` with the
 * code's HTTP status, logged at info for refusals and at error for failures.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const error = toStoresyncError(err);
    const status = httpStatusOf(error.code);
    const fields = { code: error.code, statusCode: status, method: request.method };

    if (status < 500) request.log.info({ ...fields, reason: error.message }, 'request refused');
    else request.log.error({ ...fields, err: error.cause ?? error }, 'request failed');

    if (error instanceof LoginLockedError) {
      reply.header('retry-after', String(error.retryAfterSeconds));
    }
    reply.code(status).send(errorBody(error));
  });

  app.setNotFoundHandler((request, reply) => {
    const message = `no route ${request.method} ${request.url.split('?')[0]}`;
    reply.code(404).send({ code: 'NOT_FOUND', message });
  });
}
