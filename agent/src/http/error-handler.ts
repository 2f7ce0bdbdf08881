import type { StoresyncError } from '@storesync/protocol';
import { errorBody, httpStatusOf, toStoresyncError } from '@storesync/protocol';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from './app-context.js';
import { quarantineRefusal } from './quarantine-refusal.js';

/** Refusals of the input itself; 401s are not kept (no proof the sender is a till). */
const QUARANTINED_STATUSES = new Set([400, 413, 415]);

/** Failures worth a stack in the log; other 5xx (no hub link) are expected states. */
const WITH_STACK = new Set(['INTERNAL', 'DISK_FULL']);

function logError(request: FastifyRequest, error: StoresyncError, status: number): void {
  const fields = { code: error.code, statusCode: status, method: request.method, url: request.url };
  if (status < 500) request.log.info({ ...fields, reason: error.message }, 'request refused');
  else if (WITH_STACK.has(error.code))
    request.log.error({ ...fields, err: error }, 'request failed');
  else request.log.error({ ...fields, reason: error.message }, 'request failed');
}

function countRefusal(ctx: AppContext, request: FastifyRequest, error: StoresyncError): void {
  const status = httpStatusOf(error.code);
  ctx.metrics.httpError(status, error.code);
  const kind = request.routeOptions.config.captureKind;
  if (kind && status !== 401) ctx.metrics.refused(kind, status >= 500 ? 'failed' : 'rejected');
}

/**
 * The one place errors become answers: a storesync code and HTTP status, a
 * log line (5xx as error, 4xx as info), metrics, and the quarantine for bodies
 * a capture endpoint could not accept.
 */
export function registerErrorHandler(app: FastifyInstance, ctx: AppContext): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const error = toStoresyncError(err, ctx.config.bodyLimitBytes);
    const status = httpStatusOf(error.code);
    const body = errorBody(error);

    logError(request, error, status);
    countRefusal(ctx, request, error);
    if (QUARANTINED_STATUSES.has(status)) quarantineRefusal(ctx, request, body);

    reply.code(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    ctx.metrics.httpError(404, 'NOT_FOUND');
    const message = `no route ${request.method} ${request.url.split('?')[0]}`;
    request.log.info({ code: 'NOT_FOUND', statusCode: 404, reason: message }, 'request refused');
    reply.code(404).send({ code: 'NOT_FOUND', message });
  });
}
