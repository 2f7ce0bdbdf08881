import { StoresyncError } from '@storesync/protocol';
import type Database from 'better-sqlite3';
import { createBusinessRecords } from './business-records.js';
import { planCapture, type StoredRequest } from './capture-plan.js';
import { type Clock, isoAt } from './clock.js';
import { diskErrorCode } from './disk-errors.js';
import { envelopeFor } from './envelope-json.js';
import { StoreCaptureError } from './errors.js';
import { createOutboxAppend } from './outbox-append.js';
import type { CaptureOutcome } from './types.js';

/** What one caller's requests came to inside a group: all recorded, or one error. */
export type UnitResult =
  | { ok: true; outcomes: CaptureOutcome[] }
  | { ok: false; error: StoreCaptureError };

/** Writes whole groups of callers' requests in one IMMEDIATE transaction. */
export interface CaptureWriter {
  /** Throws only for what fails the whole group (a full disk, a failed COMMIT). */
  writeGroup(units: readonly StoredRequest[][]): UnitResult[];
}

/**
 * Each caller's requests run in their own savepoint: a request SQLite refuses
 * rolls back that caller alone and the rest of the group still commits. A disk
 * error is not caught here: it aborts the transaction for everyone.
 */
export function createCaptureWriter(
  db: Database.Database,
  storeId: string,
  clock: Clock,
): CaptureWriter {
  const records = createBusinessRecords(db);
  const readSeq = db.prepare<[], number>('SELECT last_seq FROM store_state WHERE id = 1').pluck();
  const writeSeq = db.prepare('UPDATE store_state SET last_seq = ? WHERE id = 1');
  const appendEvent = createOutboxAppend(db);
  let lastSeq = 0;

  function captureOne(request: StoredRequest): CaptureOutcome {
    const plan = planCapture(request);

    const seen = records.find(plan);
    if (seen !== undefined) return { status: 'duplicate', ...seen };

    const now = clock.now();
    const event = envelopeFor(plan, storeId, lastSeq + 1, isoAt(now));
    appendEvent(plan, event, now);
    records.insert(plan, event);

    lastSeq = event.seq;
    return {
      status: 'created',
      eventId: event.eventId,
      seq: event.seq,
      reviewFlags: plan.reviewFlags,
    };
  }

  // Nested inside the group transaction, better-sqlite3 runs this as a savepoint.
  const writeUnit = db.transaction((requests: readonly StoredRequest[]) =>
    requests.map((request, index) => {
      try {
        return captureOne(request);
      } catch (error) {
        throw diskErrorCode(error) === null ? captureError(error, request, index) : error;
      }
    }),
  );

  function tryUnit(requests: readonly StoredRequest[]): UnitResult {
    const seqBefore = lastSeq;
    try {
      return { ok: true, outcomes: writeUnit(requests) };
    } catch (error) {
      lastSeq = seqBefore;
      if (error instanceof StoreCaptureError) return { ok: false, error };
      throw error;
    }
  }

  const writeGroup = db.transaction((units: readonly StoredRequest[][]) => {
    lastSeq = readSeq.get() ?? 0;
    const results = units.map(tryUnit);
    writeSeq.run(lastSeq);
    return results;
  });

  return { writeGroup: (units) => writeGroup.immediate(units) };
}

/** The caller's error: its own code if it has one, SQLite refusals as validation failures. */
function captureError(error: unknown, request: StoredRequest, index: number): StoreCaptureError {
  const details = { index, correlationId: request?.correlationId ?? null };

  if (error instanceof StoresyncError) {
    const code = error.code === 'VALIDATION_FAILED' ? 'VALIDATION_FAILED' : 'INTERNAL';
    return new StoreCaptureError(
      code,
      error.message,
      { ...error.details, ...details },
      {
        cause: error.cause ?? error,
      },
    );
  }

  const sqliteCode = (error as { code?: unknown } | null)?.code;
  const refused = typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_CONSTRAINT');
  const message = error instanceof Error ? error.message : String(error);
  return new StoreCaptureError(
    refused ? 'VALIDATION_FAILED' : 'INTERNAL',
    `the store database refused the record: ${message}`,
    { ...details, sqliteCode: sqliteCode ?? null },
    { cause: error },
  );
}
