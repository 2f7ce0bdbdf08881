import { StoresyncError } from '@storesync/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/** Fastify's own refusals of a body, by its error code. */
const BODY_ERRORS: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
};

/** Every error answer is `{ code, message, ... }`; nothing unexpected takes the sandbox down. */
export function registerErrorHandlers(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof StoresyncError) {
      return reply.code(400).send({ code: error.code, message: error.message, ...error.details });
    }

    const known = error.code ? BODY_ERRORS[error.code] : undefined;
    if (known) return reply.code(known.status).send({ code: known.code, message: error.message });

    logger.error({ err: error, url: request.url }, 'erp sandbox request failed');
    return reply.code(500).send({ code: 'INTERNAL', message: 'the sandbox failed unexpectedly' });
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` }),
  );
}
