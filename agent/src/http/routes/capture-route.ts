import { performance } from 'node:perf_hooks';
import type { CaptureOutcome, CaptureRequest } from '@storesync/store-db';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { CaptureKind } from '../../capture/capture-kind.js';
import { parseItems } from '../../capture/parse-items.js';
import type { AppContext } from '../app-context.js';
import { requireTerminal } from '../auth.js';

/** One capture endpoint: where it listens, what it accepts and how it answers. */
export interface CaptureRouteSpec<S extends z.ZodType> {
  url: string;
  kind: CaptureKind;
  /** Quarantine source of refused bodies, e.g. `pos:transactions`. */
  quarantineSource: string;
  schema: S;
  toRequest(item: z.output<S>, correlationId: string): CaptureRequest;
  /** The business id fields of an item, echoed in the answer and logged. */
  idsOf(item: z.output<S>): Record<string, string>;
  /** Extra answer fields, e.g. the review flags of a transaction. */
  extras?(outcome: CaptureOutcome): Record<string, unknown>;
}

function logOutcome(log: FastifyBaseLogger, ids: Record<string, string>, o: CaptureOutcome): void {
  const fields = { ...ids, eventId: o.eventId, seq: o.seq };
  if (o.status === 'duplicate') log.info(fields, 'capture was a repeat');
  else log.debug(fields, 'capture stored');
  if (o.reviewFlags.length > 0) log.warn({ ...fields, flags: o.reviewFlags }, 'capture flagged');
}

async function commit(ctx: AppContext, requests: CaptureRequest[], isArray: boolean) {
  if (isArray) return ctx.db.captureMany(requests);

  const [only] = requests as [CaptureRequest];
  return [await ctx.db.capture(only)];
}

/** The answer of one item: its business ids, where it sits in the outbox, whether it repeated. */
function answerOf<S extends z.ZodType>(
  spec: CaptureRouteSpec<S>,
  item: z.output<S>,
  outcome: CaptureOutcome,
  log: FastifyBaseLogger,
) {
  const ids = spec.idsOf(item);
  logOutcome(log, ids, outcome);

  const { eventId, seq } = outcome;
  const duplicate = outcome.status === 'duplicate';
  return { ...ids, eventId, seq, duplicate, ...spec.extras?.(outcome) };
}

/**
 * Registers a capture endpoint: token first, then the whole body validated,
 * then one durable commit. 201 if anything was new, 200 if all were repeats.
 */
export function registerCaptureRoute<S extends z.ZodType>(
  app: FastifyInstance,
  ctx: AppContext,
  spec: CaptureRouteSpec<S>,
): void {
  const config = { quarantineSource: spec.quarantineSource, captureKind: spec.kind };

  app.post(spec.url, { config, onRequest: requireTerminal(ctx.tokenCheck) }, async (req, reply) => {
    const started = performance.now();
    const { items, isArray } = parseItems(spec.schema, req.body);

    const requests = items.map((item) => spec.toRequest(item, req.id));
    const outcomes = await commit(ctx, requests, isArray);
    ctx.metrics.captured(spec.kind, outcomes, (performance.now() - started) / 1000);

    const results = outcomes.map((o, i) => answerOf(spec, items[i] as z.output<S>, o, req.log));
    reply.code(outcomes.some((o) => o.status === 'created') ? 201 : 200);
    return isArray ? { results } : results[0];
  });
}
