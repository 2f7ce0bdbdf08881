import type { PosTransaction } from '@storesync/protocol';
import { planAdjustments } from './adjustments.js';
import { buildDayClose } from './day-close.js';
import { type PosClient, postSafely } from './pos-client.js';
import { createRandom, deriveSeed } from './random.js';
import type { RunTillsResult, TillAnswer, TillsSettings } from './run-tills-options.js';

/** Posts the planned stock movements one by one, as a back-office user would. */
export async function postAdjustments(
  s: TillsSettings,
  client: PosClient,
): Promise<RunTillsResult['adjustments']> {
  const random = createRandom(deriveSeed(s.seed, -1));
  const plan = { catalogue: s.catalogue, random, counterpartyStoreId: s.counterpartyStoreId };
  const adjustments = planAdjustments({ ...plan, startAt: s.startAt }, s.adjustments);

  const out: RunTillsResult['adjustments'] = [];
  for (const adjustment of adjustments) {
    const answer = await postSafely(client, '/v1/inventory/adjustments', adjustment);
    out.push({ adjustment, answer });
  }
  return out;
}

/** Posts the Z totals of every transaction the agent accepted (201 or 200). */
export async function postDayClose(
  s: TillsSettings,
  client: PosClient,
  sent: readonly PosTransaction[],
  answers: readonly TillAnswer[],
): Promise<NonNullable<RunTillsResult['dayClose']>> {
  const accepted = answers.filter((a) => a.status === 200 || a.status === 201);
  const acceptedIds = new Set(accepted.map((a) => a.transactionId));
  const transactions = sent.filter((t) => acceptedIds.has(t.transactionId));

  const businessDate = s.startAt.toISOString().slice(0, 10);
  const closedAt = new Date().toISOString();
  const dayClose = buildDayClose(transactions, businessDate, closedAt, s.currency);
  return { dayClose, answer: await postSafely(client, '/v1/day-close', dayClose) };
}
