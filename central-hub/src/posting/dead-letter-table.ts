import type Database from 'better-sqlite3';

/** Where a dead letter is: waiting for an operator, or resolved one way or the other. */
export type DeadLetterState = 'open' | 'replayed' | 'discarded';

/** A document the ERP refused for good, as the console shows it. */
export interface DeadLetterView {
  id: number;
  eventId: string;
  storeId: string;
  /** The event kind: sale, return, void, inventory_adjustment or day_close. */
  kind: string;
  /** transactionId / adjustmentId / businessDate */
  documentId: string;
  /** The ERP's code and message for this document. */
  code: string;
  reason: string;
  /** The event body as the store sent it. */
  payload: unknown;
  /** ERP requests that carried this document. */
  attempts: number;
  /** The batch whose refusal made it a dead letter. */
  batchId: string;
  state: DeadLetterState;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

/** A refused document to record. */
export interface NewDeadLetter {
  eventId: string;
  storeId: string;
  kind: string;
  documentId: string;
  code: string;
  reason: string;
  batchId: string;
}

/** Which dead letters to list; at most `limit` (default 100, at most 1000). */
export interface DeadLetterFilter {
  state?: DeadLetterState;
  storeId?: string;
  limit?: number;
}

interface DeadLetterRecord {
  id: number;
  event_id: string;
  store_id: string;
  kind: string;
  document_id: string;
  code: string;
  reason: string;
  attempts: number;
  batch_id: string;
  state: DeadLetterState;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
  envelope: string;
}

function toView(r: DeadLetterRecord): DeadLetterView {
  return {
    id: r.id,
    eventId: r.event_id,
    storeId: r.store_id,
    kind: r.kind,
    documentId: r.document_id,
    code: r.code,
    reason: r.reason,
    payload: (JSON.parse(r.envelope) as { body?: unknown }).body ?? null,
    attempts: r.attempts,
    batchId: r.batch_id,
    state: r.state,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    resolution: r.resolution,
  };
}

const SELECT_VIEW = `
  SELECT d.*, e.envelope FROM dead_letters d JOIN events e ON e.event_id = d.event_id`;

/** Longest list answered at once. */
export const MAX_DEAD_LETTER_LIST = 1000;

/** The SQL of dead letters; writes run inside the caller's HubStore transaction. */
export class DeadLetterTable {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      insert: db.prepare(`
        INSERT INTO dead_letters (event_id, store_id, kind, document_id, code, reason, attempts,
          batch_id, created_at)
        VALUES (?, ?, ?, ?, ?, ?,
          (SELECT COALESCE(SUM(b.attempts), 0) FROM posting_batch_members m
            JOIN posting_batches b ON b.batch_id = m.batch_id WHERE m.event_id = ?),
          ?, ?)`),
      eventState: db.prepare('UPDATE events SET posting_state = ? WHERE event_id = ?'),
      get: db.prepare(`${SELECT_VIEW} WHERE d.id = ?`),
      resolve: db.prepare(`
        UPDATE dead_letters SET state = ?, resolved_at = ?, resolved_by = ?, resolution = ?
        WHERE id = ? AND state = 'open'`),
      openCount: db.prepare("SELECT COUNT(*) FROM dead_letters WHERE state = 'open'").pluck(),
    };
  }

  /** Records a refused document and takes its event out of posting. */
  add(letter: NewDeadLetter, now: string): number {
    const { eventId, storeId, kind, documentId, code, reason, batchId } = letter;
    const result = this.stmts.insert.run(
      eventId,
      storeId,
      kind,
      documentId,
      code,
      reason,
      eventId,
      batchId,
      now,
    );
    this.stmts.eventState.run('dead_letter', eventId);
    return Number(result.lastInsertRowid);
  }

  get(id: number): DeadLetterView | null {
    const record = this.stmts.get.get(id) as DeadLetterRecord | undefined;
    return record === undefined ? null : toView(record);
  }

  /** Newest first. */
  list(filter: DeadLetterFilter = {}): DeadLetterView[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.state !== undefined) {
      where.push('d.state = ?');
      params.push(filter.state);
    }
    if (filter.storeId !== undefined) {
      where.push('d.store_id = ?');
      params.push(filter.storeId);
    }
    const limit = Math.max(1, Math.min(filter.limit ?? 100, MAX_DEAD_LETTER_LIST));
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const sql = `${SELECT_VIEW} ${clause} ORDER BY d.id DESC LIMIT ?`;
    const records = this.db.prepare(sql).all(...params, limit) as DeadLetterRecord[];
    return records.map(toView);
  }

  /** Resolves an open dead letter; false when it is not open (or not there). */
  resolve(
    id: number,
    state: 'replayed' | 'discarded',
    by: { operator: string; resolution: string; now: string },
  ): boolean {
    const { operator, resolution, now } = by;
    return this.stmts.resolve.run(state, now, operator, resolution, id).changes > 0;
  }

  /** Sets the posting state of a dead letter's event (discarded, or back to batched). */
  setEventState(eventId: string, state: 'discarded' | 'batched'): void {
    this.stmts.eventState.run(state, eventId);
  }

  openCount(): number {
    return this.stmts.openCount.get() as number;
  }
}
