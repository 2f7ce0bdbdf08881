import { CLASS_RANK, EVENT_CLASSES, type EventKind } from '@storesync/protocol';
import type Database from 'better-sqlite3';
import type { Clock } from './clock.js';
import { writeOrDiskFull } from './disk-errors.js';
import { createOutboxSettlement, type OutboxSettlement } from './outbox-settlement.js';
import type { ClaimOptions, OutboxEvent } from './types.js';

/** The drain's side of the outbox: claim, settle, retry. */
export interface OutboxQueue extends OutboxSettlement {
  claimBatch(options: ClaimOptions): OutboxEvent[];
}

interface DueRow {
  seq: number;
  eventId: string;
  classRank: number;
  kind: EventKind;
  envelope: string;
  bytes: number;
  attempts: number;
  createdAt: number;
}

const ALL_RANKS = EVENT_CLASSES.map((cls) => CLASS_RANK[cls]).sort((a, b) => a - b);

/**
 * Statements prepared once. The claim walks `outbox_claim` (state, class_rank,
 * seq, next_attempt_at) in seq order and stops after `maxEvents` due rows, so a
 * claim costs the batch, not the backlog: no sort, no scan of 200k rows. One
 * SELECT and one UPDATE per batch, whatever its size.
 */
export function createOutboxQueue(db: Database.Database, clock: Clock): OutboxQueue {
  const due = db.prepare<[number, number, number], DueRow>(
    `SELECT seq, event_id AS eventId, class_rank AS classRank, kind, envelope, bytes, attempts,
       created_at AS createdAt
     FROM outbox INDEXED BY outbox_claim
     WHERE state = 'pending' AND class_rank = ? AND next_attempt_at <= ?
     ORDER BY seq LIMIT ?`,
  );
  // The claimed rows are exactly the due rows of the class between the first and
  // the last claimed seq, so one range update through the same index takes them all.
  const take = db.prepare<[number, number, number, number]>(
    `UPDATE outbox INDEXED BY outbox_claim SET state = 'in_flight', attempts = attempts + 1
     WHERE state = 'pending' AND class_rank = ? AND seq BETWEEN ? AND ? AND next_attempt_at <= ?`,
  );

  const claim = db.transaction((options: ClaimOptions): OutboxEvent[] => {
    const limit = Math.floor(options.maxEvents);
    if (!Number.isSafeInteger(limit) || limit < 1) return [];

    const ranks = options.class === undefined ? ALL_RANKS : [CLASS_RANK[options.class]];
    const now = clock.now();

    for (const rank of ranks) {
      const rows = due.all(rank, now, limit);
      if (rows.length === 0) continue;

      const batch = fitBytes(rows, options.maxBytes);
      const firstSeq = batch[0]?.seq ?? 0;
      const lastSeq = batch[batch.length - 1]?.seq ?? 0;
      take.run(rank, firstSeq, lastSeq, now);
      return batch.map(toOutboxEvent);
    }
    return [];
  });

  return {
    claimBatch: (options) => writeOrDiskFull(() => claim.immediate(options)),
    ...createOutboxSettlement(db, clock),
  };
}

/** Rows in order while they fit in `maxBytes`; the first always goes, however big. */
function fitBytes(rows: DueRow[], maxBytes: number): DueRow[] {
  let total = 0;
  let count = 0;
  for (const row of rows) {
    if (count > 0 && total + row.bytes > maxBytes) break;
    total += row.bytes;
    count += 1;
  }
  return rows.slice(0, count);
}

function toOutboxEvent(row: DueRow): OutboxEvent {
  return {
    eventId: row.eventId,
    seq: row.seq,
    class: EVENT_CLASSES[row.classRank] ?? 'telemetry',
    kind: row.kind,
    envelope: row.envelope,
    bytes: row.bytes,
    attempts: row.attempts + 1,
    createdAt: row.createdAt,
  };
}
