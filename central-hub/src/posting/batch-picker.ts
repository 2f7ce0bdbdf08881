import type Database from 'better-sqlite3';
import { POSTING_KINDS, type PostingKind } from './posting-kind.js';

/** The batch to send next. */
export interface PickedBatch {
  batchId: string;
  storeId: string;
  kind: PostingKind;
}

/**
 * Chooses the next ready batch whose retry time has come. Kinds go strictly
 * by priority (sales, returns and voids, then stock, then day closes); within
 * a kind the stores take turns, so a store with a backlog of 100,000 sends
 * one batch for every batch of each other store that has one waiting. Within
 * a store and kind the oldest batch goes first. A day close waits until the
 * sales of its store and business date that arrived before it are posted.
 */
export class BatchPicker {
  private readonly lastStore = new Map<PostingKind, string>();
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      storesDue: db
        .prepare(`
          SELECT DISTINCT store_id FROM posting_batches
          WHERE state = 'ready' AND kind = ? AND next_attempt_at <= ? ORDER BY store_id`)
        .pluck(),
      oldestDue: db.prepare(`
        SELECT batch_id, business_date FROM posting_batches
        WHERE state = 'ready' AND kind = ? AND store_id = ? AND next_attempt_at <= ?
        ORDER BY rowid LIMIT 1`),
      openSales: db.prepare(`
        SELECT 1 FROM posting_batches WHERE store_id = ? AND kind = 'sales'
          AND state IN ('ready', 'sending') AND business_date <= ? LIMIT 1`),
      uncutSales: db.prepare(`
        SELECT 1 FROM events WHERE posting_state = 'unposted' AND store_id = ?
          AND kind IN ('sale', 'return', 'void')
          AND rowid < (SELECT MIN(e.rowid) FROM posting_batch_members m
            JOIN events e ON e.event_id = m.event_id WHERE m.batch_id = ?)
        LIMIT 1`),
    };
  }

  /** The next batch to send, or null when none is due. `now` is ISO 8601. */
  pick(now: string): PickedBatch | null {
    for (const kind of POSTING_KINDS) {
      const stores = this.stmts.storesDue.all(kind, now) as string[];
      for (const storeId of this.inTurn(kind, stores)) {
        const batch = this.oldestDue(kind, storeId, now);
        if (batch === null) continue;

        this.lastStore.set(kind, storeId);
        return { batchId: batch, storeId, kind };
      }
    }
    return null;
  }

  /** The stores in turn order: those after the last one served first, then the rest. */
  private inTurn(kind: PostingKind, stores: string[]): string[] {
    const last = this.lastStore.get(kind);
    if (last === undefined) return stores;

    const next = stores.findIndex((storeId) => storeId > last);
    return next <= 0 ? stores : [...stores.slice(next), ...stores.slice(0, next)];
  }

  private oldestDue(kind: PostingKind, storeId: string, now: string): string | null {
    const row = this.stmts.oldestDue.get(kind, storeId, now) as
      | { batch_id: string; business_date: string }
      | undefined;
    if (row === undefined) return null;
    if (kind === 'day_close' && this.salesStillOpen(storeId, row.batch_id, row.business_date)) {
      return null;
    }
    return row.batch_id;
  }

  private salesStillOpen(storeId: string, batchId: string, businessDate: string): boolean {
    if (this.stmts.openSales.get(storeId, businessDate) !== undefined) return true;
    return this.stmts.uncutSales.get(storeId, batchId) !== undefined;
  }
}
