import type { EventClass, EventKind } from '@storesync/protocol';
import type Database from 'better-sqlite3';

/** A validated event as the ledger stores it; `envelope` is its JSON as the store sent it. */
export interface LedgerEvent {
  eventId: string;
  storeId: string;
  seq: number;
  class: EventClass;
  kind: EventKind;
  occurredAt: string;
  capturedAt: string;
  envelope: string;
}

/** A stored event with what the hub added on receipt. */
export interface StoredEvent extends LedgerEvent {
  receivedAt: string;
  batchId: string;
  postingState: string;
}

interface EventRow {
  event_id: string;
  store_id: string;
  seq: number;
  class: EventClass;
  kind: EventKind;
  occurred_at: string;
  captured_at: string;
  received_at: string;
  batch_id: string;
  envelope: string;
  posting_state: string;
}

/**
 * Every event the hub accepted, once per eventId. New events start `unposted`
 * for the ERP posting pipeline.
 */
export class EventLedger {
  private readonly insertStmt: Database.Statement;
  private readonly getStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare(`
      INSERT OR IGNORE INTO events (event_id, store_id, seq, class, kind, occurred_at,
        captured_at, received_at, batch_id, envelope)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.getStmt = db.prepare('SELECT * FROM events WHERE event_id = ?');
  }

  /** Stores the event unless its eventId is already there; true when it was new. */
  insert(event: LedgerEvent, batchId: string, receivedAt: string): boolean {
    const result = this.insertStmt.run(
      event.eventId,
      event.storeId,
      event.seq,
      event.class,
      event.kind,
      event.occurredAt,
      event.capturedAt,
      receivedAt,
      batchId,
      event.envelope,
    );
    return result.changes > 0;
  }

  get(eventId: string): StoredEvent | null {
    const row = this.getStmt.get(eventId) as EventRow | undefined;
    if (row === undefined) return null;
    return {
      eventId: row.event_id,
      storeId: row.store_id,
      seq: row.seq,
      class: row.class,
      kind: row.kind,
      occurredAt: row.occurred_at,
      capturedAt: row.captured_at,
      receivedAt: row.received_at,
      batchId: row.batch_id,
      envelope: row.envelope,
      postingState: row.posting_state,
    };
  }

  /** Events stored, for one store or all. */
  count(storeId?: string): number {
    if (storeId === undefined) {
      return this.db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
    }
    const sql = 'SELECT COUNT(*) FROM events WHERE store_id = ?';
    return this.db.prepare(sql).pluck().get(storeId) as number;
  }
}
