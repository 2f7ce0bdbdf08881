import type { FastifyInstance } from 'fastify';

/**
 * Echoes the request id to the caller and, when the agent logs at debug level,
 * logs each successful answer; error answers are logged by the error handler
 * (5xx as error, 4xx as info). At info level the hot path pays for no log hook.
 */
export function registerRequestLog(app: FastifyInstance, debugEnabled: boolean): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  if (!debugEnabled) return;

  app.addHook('onResponse', (request, reply, done) => {
    if (reply.statusCode < 400) {
      const durationMs = Math.round(reply.elapsedTime * 100) / 100;
      const { method, url } = request;
      request.log.debug(
        { method, url, statusCode: reply.statusCode, durationMs },
        'request answered',
      );
    }
    done();
  });
}
