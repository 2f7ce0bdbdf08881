import {
  BODY_OF_KIND,
  CLASS_OF_KIND,
  type ErrorCode,
  EVENT_KINDS,
  type EventBatch,
  type EventEnvelope,
  eventEnvelope,
  SCHEMA_VERSION,
} from '@storesync/protocol';
import type { z } from 'zod';
import type { LedgerEvent } from '../hub-store/event-ledger.js';
import { fastEnvelope, fastPosTransaction } from './fast-event-check.js';
import { fieldMessages } from './field-messages.js';

/** The outcome for one event of a batch. */
export type EventVerdict =
  | { accepted: true; event: LedgerEvent }
  | {
      accepted: false;
      /** Null when the event has no string eventId: it can be logged but not acked. */
      eventId: string | null;
      code: ErrorCode;
      message: string;
      raw: unknown;
    };

type Fields = Record<string, unknown>;
type Problem = { code: ErrorCode; message: string };

function reject(raw: unknown, { code, message }: Problem): EventVerdict {
  const id = (raw as Fields | null)?.eventId;
  return { accepted: false, eventId: typeof id === 'string' ? id : null, code, message, raw };
}

/** A version or kind this hub cannot read at all; checked before the shape, which may differ. */
function unreadable(raw: Fields): Problem | null {
  const version = raw.schemaVersion;
  if (typeof version === 'number' && version !== SCHEMA_VERSION) {
    const message = `schemaVersion: ${version} is not supported; this hub reads ${SCHEMA_VERSION}`;
    return { code: 'UNSUPPORTED_SCHEMA_VERSION', message };
  }

  const kind = raw.kind;
  if (typeof kind === 'string' && !(EVENT_KINDS as readonly string[]).includes(kind)) {
    return {
      code: 'UNKNOWN_KIND',
      message: `kind: "${kind}" is not one of ${EVENT_KINDS.join(', ')}`,
    };
  }
  return null;
}

/** Store and class of the event against its batch and its kind. */
function misplaced(envelope: EventEnvelope, batch: EventBatch): Problem | null {
  if (envelope.storeId !== batch.storeId) {
    const { storeId } = envelope;
    const message = `storeId: the event is from "${storeId}", its batch from "${batch.storeId}"`;
    return { code: 'STORE_MISMATCH', message };
  }

  const expected = CLASS_OF_KIND[envelope.kind];
  if (envelope.class !== expected) {
    const message = `class: a ${envelope.kind} event is ${expected}, not ${envelope.class}`;
    return { code: 'VALIDATION_FAILED', message };
  }
  if (envelope.class !== batch.class) {
    const message = `class: the event is ${envelope.class} but its batch is ${batch.class}`;
    return { code: 'VALIDATION_FAILED', message };
  }
  return null;
}

function invalid(error: z.ZodError, prefix?: string): Problem {
  return { code: 'VALIDATION_FAILED', message: fieldMessages(error, prefix) };
}

/** The slow path, which also words the problem: version and kind first, then zod. */
function parseEnvelope(raw: Fields): EventEnvelope | { problem: Problem } {
  const early = unreadable(raw);
  if (early) return { problem: early };

  const parsed = eventEnvelope.safeParse(raw);
  return parsed.success ? parsed.data : { problem: invalid(parsed.error) };
}

const TRANSACTION_KINDS: ReadonlySet<string> = new Set(['sale', 'return', 'void']);

/** The body against the schema of its kind; sales, returns and voids try the fast check first. */
function checkBody(envelope: EventEnvelope): Problem | null {
  if (TRANSACTION_KINDS.has(envelope.kind) && fastPosTransaction(envelope.body)) return null;

  const body = BODY_OF_KIND[envelope.kind].safeParse(envelope.body);
  return body.success ? null : invalid(body.error, 'body');
}

/**
 * Checks one event of a batch that passed its own checks: readable version and
 * kind, the envelope, that it belongs to the batch's store and class, then its
 * body against the schema of its kind. Messages name the field path. `text` is
 * the event's JSON as received, stored as is; without it the event is serialized.
 */
export function checkEvent(raw: unknown, batch: EventBatch, text?: string): EventVerdict {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return reject(raw, { code: 'VALIDATION_FAILED', message: '(event): must be an object' });
  }

  const envelope = fastEnvelope(raw as Fields) ?? parseEnvelope(raw as Fields);
  if ('problem' in envelope) return reject(raw, envelope.problem);

  const wrongPlace = misplaced(envelope, batch);
  if (wrongPlace) return reject(raw, wrongPlace);

  const bodyProblem = checkBody(envelope);
  if (bodyProblem) return reject(raw, bodyProblem);

  const { eventId, storeId, seq, kind, occurredAt, capturedAt } = envelope;
  const event = { eventId, storeId, seq, class: envelope.class, kind, occurredAt, capturedAt };
  return { accepted: true, event: { ...event, envelope: text ?? JSON.stringify(raw) } };
}
