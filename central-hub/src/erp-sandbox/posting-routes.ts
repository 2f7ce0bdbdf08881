import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { dayClosePosting } from './day-close-posting.js';
import { withFaults } from './fault-guard.js';
import { movementPosting } from './movement-posting.js';
import { postBatch } from './post-batch.js';
import type { PostingKind } from './posting-kind.js';
import { salesPosting } from './sales-posting.js';
import type { SandboxState } from './sandbox-state.js';

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  return key?.trim() || undefined;
}

/**
 * Answers a post. Looking up the key, applying the batch and remembering the
 * answer run without a pause, so two concurrent requests with the same key
 * cannot both apply it.
 */
function answerPosting<B extends { storeId: string }>(
  kind: PostingKind<B>,
  state: SandboxState,
  logger: Logger,
) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const key = idempotencyKeyOf(request);
    const remembered = key === undefined ? undefined : state.idempotency.get(kind.route, key);
    if (remembered) {
      logger.debug({ route: kind.route, idempotencyKey: key }, 'erp sandbox replayed answer');
      reply.header('idempotent-replayed', 'true');
      return reply.code(remembered.status).send(remembered.body);
    }

    const answer = postBatch(kind, request.body, state.books, new Date());
    if (key !== undefined) state.idempotency.remember(kind.route, key, answer);

    const storeId = (request.body as { storeId?: unknown } | null)?.storeId;
    const fields = { route: kind.route, status: answer.status, storeId, idempotencyKey: key };
    logger.debug(fields, 'erp sandbox answered posting');
    return reply.code(answer.status).send(answer.body);
  };
}

/** The three posting endpoints, each behind the fault guard. */
export function registerPostingRoutes(
  app: FastifyInstance,
  state: SandboxState,
  logger: Logger,
): void {
  const register = <B extends { storeId: string }>(kind: PostingKind<B>) =>
    app.post(kind.route, withFaults(state, answerPosting(kind, state, logger)));

  register(salesPosting);
  register(movementPosting);
  register(dayClosePosting);
}
