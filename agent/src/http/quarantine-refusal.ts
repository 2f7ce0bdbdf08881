import type { ErrorBody } from '@storesync/protocol';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from './app-context.js';

/** What is kept when the body itself was not read (too large, not JSON). */
function marker(request: FastifyRequest, body: ErrorBody, limit: number): string {
  const length = request.headers['content-length'] ?? 'unknown';
  if (body.code === 'BODY_TOO_LARGE') {
    return `[body not kept: ${length} bytes, over the limit of ${limit} bytes]`;
  }
  const type = request.headers['content-type'] ?? 'none';
  return `[body not kept: ${length} bytes sent as Content-Type ${type}]`;
}

/**
 * Keeps a refused capture body where an operator can see it, with the error
 * answer as the reason. Never throws: a full disk must not turn a 400 into a 500.
 */
export function quarantineRefusal(ctx: AppContext, request: FastifyRequest, body: ErrorBody): void {
  const source = request.routeOptions.config.quarantineSource;
  if (!source) return;

  const rawBody = request.rawBody ?? marker(request, body, ctx.config.bodyLimitBytes);
  try {
    const quarantineId = ctx.db.quarantine({ source, reason: JSON.stringify(body), rawBody });
    request.log.warn({ quarantineId, source, code: body.code }, 'input quarantined');
  } catch (err) {
    request.log.error({ err, source, code: body.code }, 'input could not be quarantined');
  }
}
