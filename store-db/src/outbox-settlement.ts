import type { Rejection } from '@storesync/protocol';
import type Database from 'better-sqlite3';
import { retryDelayMs } from './backoff.js';
import type { Clock } from './clock.js';
import { writeOrDiskFull } from './disk-errors.js';

/** How claimed events leave the in-flight state. */
export interface OutboxSettlement {
  markAcked(eventIds: readonly string[]): number;
  markRejected(rejections: readonly Rejection[]): number;
  releaseForRetry(eventIds: readonly string[]): void;
  resetInFlight(): number;
}

const STILL_QUEUED = `state IN ('pending', 'in_flight')`;

/**
 * Ack and reject move only rows still in the queue, so a repeated or late hub
 * ack changes nothing and returns 0. Retry moves only in-flight rows: an event
 * acked while its batch timed out stays acked.
 */
export function createOutboxSettlement(db: Database.Database, clock: Clock): OutboxSettlement {
  // One statement per ack, not one per event: the ids go in as a JSON array. The
  // unary + keeps the planner off outbox_claim: walked by state, every pending
  // row of the backlog would be read for each ack instead of the acked ids only.
  const ack = db.prepare<[number, string]>(
    `UPDATE outbox SET state = 'acked', settled_at = ?
     WHERE event_id IN (SELECT value FROM json_each(?)) AND +${STILL_QUEUED}`,
  );
  const reject = db.prepare(
    `UPDATE outbox SET state = 'rejected', settled_at = ?, reject_code = ?, reject_message = ?
     WHERE event_id = ? AND ${STILL_QUEUED}`,
  );
  const noteAck = db.prepare('UPDATE store_state SET last_ack_at = ? WHERE id = 1');

  const ackAll = db.transaction((ids: readonly string[]) => {
    const now = clock.now();
    const changed = ack.run(now, JSON.stringify(ids)).changes;

    if (changed > 0) noteAck.run(now);
    return changed;
  });

  const rejectAll = db.transaction((rejections: readonly Rejection[]) => {
    const now = clock.now();
    let changed = 0;
    for (const r of rejections) changed += reject.run(now, r.code, r.message, r.eventId).changes;

    if (changed > 0) noteAck.run(now);
    return changed;
  });

  return {
    // Nothing to settle takes no write lock: most acks carry no rejection.
    markAcked: (ids) => (ids.length === 0 ? 0 : writeOrDiskFull(() => ackAll.immediate(ids))),
    markRejected: (rejections) =>
      rejections.length === 0 ? 0 : writeOrDiskFull(() => rejectAll.immediate(rejections)),
    ...createRetry(db, clock),
  };
}

function createRetry(
  db: Database.Database,
  clock: Clock,
): Pick<OutboxSettlement, 'releaseForRetry' | 'resetInFlight'> {
  const attemptsInFlight = db
    .prepare<[string], number>(
      `SELECT attempts FROM outbox WHERE event_id = ? AND state = 'in_flight'`,
    )
    .pluck();
  const release = db.prepare(
    `UPDATE outbox SET state = 'pending', next_attempt_at = ?
     WHERE event_id = ? AND state = 'in_flight'`,
  );
  const resetAll = db.prepare(
    `UPDATE outbox SET state = 'pending', next_attempt_at = ? WHERE state = 'in_flight'`,
  );

  const releaseAll = db.transaction((ids: readonly string[]) => {
    const now = clock.now();
    for (const id of ids) {
      const attempts = attemptsInFlight.get(id);
      if (attempts !== undefined) release.run(now + retryDelayMs(attempts, clock.random()), id);
    }
  });

  return {
    releaseForRetry: (ids) => writeOrDiskFull(() => releaseAll.immediate(ids)),
    resetInFlight: () => writeOrDiskFull(() => resetAll.run(clock.now()).changes),
  };
}
