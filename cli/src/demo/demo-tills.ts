import { setTimeout as sleep } from 'node:timers/promises';
import { type RunTillsResult, runTills } from '@storesync/agent';

export interface DemoStore {
  storeId: string;
  url: string;
  token: string;
}

/** Sales counted by what the agent answered, per store, since the demo began. */
export type TillTally = Map<string, { answered: number; failed: number }>;

/**
 * Keeps each store's tills ringing up small bursts of sales, returns and
 * voids until the signal aborts, as a quiet weekday would.
 */
export async function keepTillsRinging(
  stores: DemoStore[],
  tally: TillTally,
  signal: AbortSignal,
): Promise<void> {
  let round = 0;
  while (!signal.aborted) {
    const bursts = stores.map((store, i) => burst(store, i, round, signal));
    const results = await Promise.all(bursts);
    for (const [i, result] of results.entries()) count(tally, stores[i]?.storeId ?? '', result);
    round += 1;
    await pause(3_000, signal);
  }
}

const PER_TILL = 10;

function burst(store: DemoStore, index: number, round: number, signal: AbortSignal) {
  return runTills({
    baseUrl: store.url,
    token: store.token,
    tills: 3,
    transactionsPerTill: PER_TILL,
    firstNumber: 1 + round * PER_TILL,
    seed: 1_000 * index + round,
    signal,
  });
}

function count(tally: TillTally, storeId: string, result: RunTillsResult): void {
  const entry = tally.get(storeId) ?? { answered: 0, failed: 0 };
  for (const answer of result.answers) {
    if (answer.status === 200 || answer.status === 201) entry.answered += 1;
    else entry.failed += 1;
  }
  tally.set(storeId, entry);
}

/** Waits between bursts; an abort ends the wait at once. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal }).catch(() => undefined);
}
