import { CLASS_OF_KIND, CLASS_RANK } from '@storesync/protocol';
import type Database from 'better-sqlite3';
import type { CapturePlan } from './capture-plan.js';

/** A new outbox row, pending and due at once. */
export type AppendEvent = (
  plan: CapturePlan,
  event: { eventId: string; seq: number; envelope: string },
  now: number,
) => void;

/** Prepares the outbox insert once; the caller owns the transaction. */
export function createOutboxAppend(db: Database.Database): AppendEvent {
  const insert = db.prepare(
    `INSERT INTO outbox (seq, event_id, class_rank, kind, correlation_id, envelope, bytes, state,
       attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
  );

  return (plan, event, now) => {
    const rank = CLASS_RANK[CLASS_OF_KIND[plan.kind]];
    const bytes = Buffer.byteLength(event.envelope);
    insert.run(
      event.seq,
      event.eventId,
      rank,
      plan.kind,
      plan.correlationId,
      event.envelope,
      bytes,
      now,
      now,
    );
  };
}
