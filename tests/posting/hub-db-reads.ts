import type { HubStore } from '@storesync/central-hub';

/** Counts of events by posting state. */
export function postingStates(store: HubStore): Record<string, number> {
  const rows = store.db
    .prepare('SELECT posting_state AS state, COUNT(*) AS n FROM events GROUP BY posting_state')
    .all() as Array<{ state: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

export function postedCount(store: HubStore): number {
  return postingStates(store).posted ?? 0;
}

export interface BatchRecord {
  batch_id: string;
  store_id: string;
  kind: string;
  business_date: string;
  size: number;
  state: string;
  origin: string;
  parent_batch_id: string | null;
  attempts: number;
  erp_replayed: number;
}

export function batches(store: HubStore): BatchRecord[] {
  return store.db.prepare('SELECT * FROM posting_batches ORDER BY rowid').all() as BatchRecord[];
}

/** Event ids of a batch's members, in posting order. */
export function membersOf(store: HubStore, batchId: string): string[] {
  return store.db
    .prepare('SELECT event_id FROM posting_batch_members WHERE batch_id = ? ORDER BY position')
    .pluck()
    .all(batchId) as string[];
}

/** Ledger counts of the sandbox by `${storeId}/${transactionId}`. */
export function ledgerCounts(ledger: {
  transactions: Array<{ storeId: string; transactionId: string; count: number }>;
}): Map<string, number> {
  return new Map(ledger.transactions.map((t) => [`${t.storeId}/${t.transactionId}`, t.count]));
}
