import type {
  DayClose,
  InventoryAdjustment,
  PosTransaction,
  ReviewFlag,
} from '@storesync/protocol';
import type Database from 'better-sqlite3';
import type { CapturePlan } from './capture-plan.js';

/** The event a business record was captured as; what a duplicate answers with. */
export interface CapturedRef {
  eventId: string;
  seq: number;
  reviewFlags: ReviewFlag[];
}

/** The outbox event being written together with its business record. */
export interface NewEvent {
  eventId: string;
  seq: number;
  capturedAt: string;
  /** The validated body as JSON, stored as the record's raw JSON. */
  bodyJson: string;
}

/** Lookup by business id and insert, for each kind of record the store keeps. */
export interface BusinessRecords {
  find(plan: CapturePlan): CapturedRef | undefined;
  insert(plan: CapturePlan, event: NewEvent): void;
}

interface RefRow {
  eventId: string;
  seq: number;
  reviewFlags: string;
}

/** Prepares the statements of the transactions, adjustments and day-close tables once. */
export function createBusinessRecords(db: Database.Database): BusinessRecords {
  const find = {
    transaction: db.prepare<[string], RefRow>(
      `SELECT event_id AS eventId, seq, review_flags AS reviewFlags
       FROM transactions WHERE transaction_id = ?`,
    ),
    inventory_adjustment: db.prepare<[string], RefRow>(
      `SELECT event_id AS eventId, seq, '[]' AS reviewFlags
       FROM inventory_adjustments WHERE adjustment_id = ?`,
    ),
    day_close: db.prepare<[string], RefRow>(
      `SELECT event_id AS eventId, seq, '[]' AS reviewFlags
       FROM day_closes WHERE business_date = ?`,
    ),
  };
  const insert = prepareInserts(db);

  return {
    find(plan) {
      if (plan.businessId === null || plan.request.kind === 'heartbeat') return undefined;

      const row = find[plan.request.kind].get(plan.businessId);
      if (row === undefined) return undefined;
      return { eventId: row.eventId, seq: row.seq, reviewFlags: JSON.parse(row.reviewFlags) };
    },
    insert(plan, event) {
      if (plan.request.kind !== 'heartbeat') insert[plan.request.kind](plan, event);
    },
  };
}

type Insert = (plan: CapturePlan, event: NewEvent) => void;

function prepareInserts(
  db: Database.Database,
): Record<'transaction' | 'inventory_adjustment' | 'day_close', Insert> {
  const transaction = db.prepare(
    `INSERT INTO transactions (transaction_id, type, terminal_id, occurred_at, currency, total,
       original_transaction_id, raw_json, review_flags, event_id, seq, captured_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const adjustment = db.prepare(
    `INSERT INTO inventory_adjustments (adjustment_id, reason, occurred_at, raw_json, event_id,
       seq, captured_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const dayClose = db.prepare(
    `INSERT INTO day_closes (business_date, closed_at, currency, raw_json, event_id, seq,
       captured_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  return {
    transaction(plan, e) {
      const t = plan.body as PosTransaction;
      transaction.run(
        t.transactionId,
        t.type,
        t.terminalId,
        t.occurredAt,
        t.currency,
        t.total,
        t.originalTransactionId ?? null,
        e.bodyJson,
        JSON.stringify(plan.reviewFlags),
        e.eventId,
        e.seq,
        e.capturedAt,
      );
    },
    inventory_adjustment(plan, e) {
      const a = plan.body as InventoryAdjustment;
      adjustment.run(
        a.adjustmentId,
        a.reason,
        a.occurredAt,
        e.bodyJson,
        e.eventId,
        e.seq,
        e.capturedAt,
      );
    },
    day_close(plan, e) {
      const d = plan.body as DayClose;
      dayClose.run(
        d.businessDate,
        d.closedAt,
        d.currency,
        e.bodyJson,
        e.eventId,
        e.seq,
        e.capturedAt,
      );
    },
  };
}
