import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { planFaults } from './fault-plan.js';
import type { SandboxState } from './sandbox-state.js';

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown> | unknown;

/**
 * Wraps an API handler in the sandbox's faults. Refusals, injected failures
 * and hangs all happen before the handler runs, so none of them applies
 * anything.
 */
export function withFaults(state: SandboxState, handler: Handler): Handler {
  return async (request, reply) => {
    const plan = planFaults(state.settings, state.bucket, Date.now());
    if (plan.action === 'refuse') {
      const { status, code, retryAfterSeconds } = plan;
      reply.code(status).header('retry-after', String(retryAfterSeconds));
      return reply.send({ code, message: 'the ERP is not taking requests now', retryAfterSeconds });
    }

    if (plan.delayMs > 0) await sleep(plan.delayMs);

    if (plan.action === 'hang') {
      // Never answered: the client's own timeout is what ends it.
      state.stats.hung();
      reply.hijack();
      return undefined;
    }

    if (plan.action === 'fail') {
      const message = 'the sandbox failed this request on purpose (errorRate); nothing was applied';
      return reply.code(plan.status).send({ code: 'INJECTED_FAILURE', message });
    }
    return handler(request, reply);
  };
}
