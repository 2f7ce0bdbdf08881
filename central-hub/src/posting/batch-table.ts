import { newEventId } from '@storesync/protocol';
import type Database from 'better-sqlite3';
import type { PostingKind } from './posting-kind.js';

/** Where a posting batch is: see migration-002-posting.ts. */
export type PostingBatchState = 'ready' | 'sending' | 'posted' | 'split' | 'dead_letter';

/** How a batch came to be. */
export type BatchOrigin = 'ingest' | 'split' | 'replay';

/** A batch to write down, with its members in posting order. */
export interface NewBatch {
  storeId: string;
  kind: PostingKind;
  businessDate: string;
  origin: BatchOrigin;
  parentBatchId: string | null;
  eventIds: readonly string[];
  oldestReceivedAt: string;
}

/** One batch as the pipeline and the console read it. */
export interface PostingBatchRow {
  batchId: string;
  storeId: string;
  kind: PostingKind;
  businessDate: string;
  size: number;
  state: PostingBatchState;
  origin: BatchOrigin;
  parentBatchId: string | null;
  attempts: number;
  nextAttemptAt: string;
  lastErrorCode: string | null;
  lastError: string | null;
  erpReference: string | null;
  erpReplayed: boolean;
  oldestReceivedAt: string;
  createdAt: string;
  lastSentAt: string | null;
  postedAt: string | null;
}

/** A member event of a batch, with what the sender needs to build its document. */
export interface BatchMember {
  eventId: string;
  kind: string;
  envelope: string;
  receivedAt: string;
}

interface BatchRecord {
  batch_id: string;
  store_id: string;
  kind: PostingKind;
  business_date: string;
  size: number;
  state: PostingBatchState;
  origin: BatchOrigin;
  parent_batch_id: string | null;
  attempts: number;
  next_attempt_at: string;
  last_error_code: string | null;
  last_error: string | null;
  erp_reference: string | null;
  erp_replayed: number;
  oldest_received_at: string;
  created_at: string;
  last_sent_at: string | null;
  posted_at: string | null;
}

function toRow(r: BatchRecord): PostingBatchRow {
  return {
    batchId: r.batch_id,
    storeId: r.store_id,
    kind: r.kind,
    businessDate: r.business_date,
    size: r.size,
    state: r.state,
    origin: r.origin,
    parentBatchId: r.parent_batch_id,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastErrorCode: r.last_error_code,
    lastError: r.last_error,
    erpReference: r.erp_reference,
    erpReplayed: r.erp_replayed === 1,
    oldestReceivedAt: r.oldest_received_at,
    createdAt: r.created_at,
    lastSentAt: r.last_sent_at,
    postedAt: r.posted_at,
  };
}

/** A new posting batch id; it is also the ERP idempotency key. */
export function newBatchId(): string {
  return `pb-${newEventId()}`;
}

/**
 * The SQL of posting batches and their members. Callers run the writes inside
 * a HubStore transaction so that a batch and its members land together.
 */
export class PostingBatchTable {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      insertBatch: db.prepare(`
        INSERT INTO posting_batches (batch_id, store_id, kind, business_date, size, origin,
          parent_batch_id, next_attempt_at, oldest_received_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertMember: db.prepare(
        'INSERT INTO posting_batch_members (batch_id, position, event_id) VALUES (?, ?, ?)',
      ),
      markBatched: db.prepare("UPDATE events SET posting_state = 'batched' WHERE event_id = ?"),
      get: db.prepare('SELECT * FROM posting_batches WHERE batch_id = ?'),
      members: db.prepare(`
        SELECT e.event_id, e.kind, e.envelope, e.received_at
        FROM posting_batch_members m JOIN events e ON e.event_id = m.event_id
        WHERE m.batch_id = ? ORDER BY m.position`),
      sending: db.prepare(`
        UPDATE posting_batches SET state = 'sending', attempts = attempts + 1, last_sent_at = ?
        WHERE batch_id = ? AND state = 'ready'`),
      posted: db.prepare(`
        UPDATE posting_batches SET state = 'posted', posted_at = ?, erp_reference = ?,
          erp_replayed = ?, last_error_code = NULL, last_error = NULL
        WHERE batch_id = ?`),
      eventsPosted: db.prepare(`
        UPDATE events SET posting_state = 'posted' WHERE event_id IN
          (SELECT event_id FROM posting_batch_members WHERE batch_id = ?)`),
      reschedule: db.prepare(`
        UPDATE posting_batches SET state = 'ready', next_attempt_at = ?, last_error_code = ?,
          last_error = ? WHERE batch_id = ?`),
      close: db.prepare(`
        UPDATE posting_batches SET state = ?, last_error_code = ?, last_error = ?
        WHERE batch_id = ?`),
      resetSending: db.prepare(`
        UPDATE posting_batches SET state = 'ready', next_attempt_at = ? WHERE state = 'sending'`),
      dueNow: db.prepare(`
        UPDATE posting_batches SET next_attempt_at = ?
        WHERE state = 'ready' AND next_attempt_at > ?`),
      nextDue: db
        .prepare("SELECT MIN(next_attempt_at) FROM posting_batches WHERE state = 'ready'")
        .pluck(),
      recent: db.prepare('SELECT * FROM posting_batches ORDER BY rowid DESC LIMIT ?'),
    };
  }

  /** Writes a batch, its members, and marks the events batched. Returns the batch id. */
  insert(batch: NewBatch, now: string): string {
    const batchId = newBatchId();
    const { storeId, kind, businessDate, origin, parentBatchId, eventIds } = batch;
    this.stmts.insertBatch.run(
      batchId,
      storeId,
      kind,
      businessDate,
      eventIds.length,
      origin,
      parentBatchId,
      now,
      batch.oldestReceivedAt,
      now,
    );

    eventIds.forEach((eventId, position) => {
      this.stmts.insertMember.run(batchId, position, eventId);
      this.stmts.markBatched.run(eventId);
    });
    return batchId;
  }

  get(batchId: string): PostingBatchRow | null {
    const record = this.stmts.get.get(batchId) as BatchRecord | undefined;
    return record === undefined ? null : toRow(record);
  }

  members(batchId: string): BatchMember[] {
    const rows = this.stmts.members.all(batchId) as Array<{
      event_id: string;
      kind: string;
      envelope: string;
      received_at: string;
    }>;
    return rows.map((r) => ({
      eventId: r.event_id,
      kind: r.kind,
      envelope: r.envelope,
      receivedAt: r.received_at,
    }));
  }

  /** Records that a send starts (and counts the attempt); false when it was not ready. */
  markSending(batchId: string, now: string): boolean {
    return this.stmts.sending.run(now, batchId).changes > 0;
  }

  markPosted(batchId: string, erpReference: string | null, replayed: boolean, now: string) {
    this.stmts.posted.run(now, erpReference, replayed ? 1 : 0, batchId);
    this.stmts.eventsPosted.run(batchId);
  }

  /** Back to ready, due at `dueAt`, remembering why the last send failed. */
  reschedule(batchId: string, dueAt: string, code: string, message: string): void {
    this.stmts.reschedule.run(dueAt, code, message, batchId);
  }

  /** Closes a refused batch for good: its documents went on in other batches or dead letters. */
  close(batchId: string, state: 'split' | 'dead_letter', code: string, message: string): void {
    this.stmts.close.run(state, code, message, batchId);
  }

  /**
   * After a restart: batches whose send was never answered go back to ready
   * with the same id, so they are resent with the same idempotency key.
   */
  resetSending(now: string): number {
    return this.stmts.resetSending.run(now).changes;
  }

  /** Makes every waiting batch due now (the ERP is back); returns how many were waiting. */
  makeAllDue(now: string): number {
    return this.stmts.dueNow.run(now, now).changes;
  }

  /** When the earliest ready batch is due; null when none is ready. */
  nextDueAt(): string | null {
    return (this.stmts.nextDue.get() as string | null) ?? null;
  }

  recent(limit: number): PostingBatchRow[] {
    return (this.stmts.recent.all(limit) as BatchRecord[]).map(toRow);
  }
}
