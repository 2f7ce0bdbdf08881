import { performance } from 'node:perf_hooks';
import type { PosTransaction } from '@storesync/protocol';
import PQueue from 'p-queue';
import { postAdjustments, postDayClose } from './back-office.js';
import { createPosClient, type PosAnswer, type PosClient, postSafely } from './pos-client.js';
import { createRandom, deriveSeed } from './random.js';
import {
  type RunTillsOptions,
  type RunTillsResult,
  settleTillsOptions,
  type TillAnswer,
  type TillsSettings,
} from './run-tills-options.js';
import { planTill } from './till.js';

/** `R01`, `R02`, ... the terminal ids of the store's tills. */
export function terminalIdOf(index: number): string {
  return `R${String(index + 1).padStart(2, '0')}`;
}

function planTills(s: TillsSettings): PosTransaction[][] {
  return Array.from({ length: s.tills }, (_, i) =>
    planTill(
      {
        terminalId: terminalIdOf(i),
        catalogue: s.catalogue,
        random: createRandom(deriveSeed(s.seed, i)),
        currency: s.currency,
        taxRateBps: s.taxRateBps,
        returnRate: s.returnRate,
        voidRate: s.voidRate,
        startAt: s.startAt,
      },
      s.transactionsPerTill,
      s.firstNumber,
    ),
  );
}

/** Splits one answer back per transaction (an array post answers `{ results }`). */
function answersOf(chunk: PosTransaction[], answer: PosAnswer, isArray: boolean): TillAnswer[] {
  const body = answer.body as { results?: unknown[] } | null;
  const results = isArray ? body?.results : [answer.body];

  return chunk.map((txn, i) => {
    const result = results?.[i] ?? answer.body;
    const duplicate = (result as { duplicate?: unknown } | null)?.duplicate;
    return {
      transactionId: txn.transactionId,
      status: answer.status,
      duplicate: typeof duplicate === 'boolean' ? duplicate : null,
      body: result,
      latencyMs: answer.latencyMs,
    };
  });
}

interface RunState {
  signal: AbortSignal | null;
  client: PosClient;
  queue: PQueue;
  answers: TillAnswer[];
  latencies: number[];
}

/** One till: its transactions in order, each request waiting for the previous answer. */
async function runTill(plan: PosTransaction[], batchSize: number, state: RunState): Promise<void> {
  for (let i = 0; i < plan.length && !state.signal?.aborted; i += batchSize) {
    const chunk = plan.slice(i, i + batchSize);
    const payload = batchSize === 1 ? chunk[0] : chunk;
    const post = () => postSafely(state.client, '/v1/transactions', payload);
    const answer = await state.queue.add(post);

    state.latencies.push(answer.latencyMs);
    state.answers.push(...answersOf(chunk, answer, batchSize !== 1));
  }
}

/**
 * Runs a store's tills against an agent: each till posts its planned sales,
 * returns and voids one request at a time; at most `concurrency` requests are
 * in flight. Then the optional adjustments and day close. Content depends only
 * on the seed (and `startAt`); the answers say what the agent made of it.
 * An aborted run returns what was posted until then.
 */
export async function runTills(options: RunTillsOptions): Promise<RunTillsResult> {
  const s = settleTillsOptions(options);
  const plans = planTills(s);
  const client = createPosClient({ baseUrl: s.baseUrl, token: s.token });
  const queue = new PQueue({ concurrency: s.concurrency });
  const state: RunState = { signal: s.signal, client, queue, answers: [], latencies: [] };

  try {
    const started = performance.now();
    await Promise.all(plans.map((plan) => runTill(plan, s.batchSize, state)));
    const durationMs = performance.now() - started;

    const answered = new Set(state.answers.map((a) => a.transactionId));
    const sent = plans.flat().filter((t) => answered.has(t.transactionId));
    const adjustments = await postAdjustments(s, client);
    const dayClose = s.dayClose ? await postDayClose(s, client, sent, state.answers) : null;
    const { answers, latencies } = state;
    return { sent, answers, adjustments, dayClose, durationMs, requestLatenciesMs: latencies };
  } finally {
    client.close();
  }
}
