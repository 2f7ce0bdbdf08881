import {
  EVENT_CLASSES,
  EVENT_KINDS,
  type EventEnvelope,
  isoTimestamp,
  SCHEMA_VERSION,
} from '@storesync/protocol';
import type { z } from 'zod';

/*
 * The hot path of ingest: plain checks that accept only what the zod schemas
 * of protocol/ accept. A false answer proves nothing; the caller then runs zod,
 * which decides and words the field-path message. So these checks may be
 * stricter than the schemas, never looser (tests/hub/fast-event-check.test.ts
 * compares them with zod on valid and broken events).
 */

type Fields = Record<string, unknown>;

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const IDENTIFIER = /^[A-Za-z0-9._:/-]{1,64}$/;
const CURRENCY = /^[A-Z]{3}$/;
const NEVER = /$^/;

/** The timestamp pattern zod itself checks; a schema without one leaves every event to zod. */
function patternOf(schema: z.ZodType): RegExp {
  const pattern = (schema as { _zod?: { def?: { pattern?: unknown } } })._zod?.def?.pattern;
  return pattern instanceof RegExp ? pattern : NEVER;
}

const TIMESTAMP = patternOf(isoTimestamp);
const ENVELOPE_KEYS = 10;
const CLASSES: ReadonlySet<unknown> = new Set(EVENT_CLASSES);
const KINDS: ReadonlySet<unknown> = new Set(EVENT_KINDS);
const TRANSACTION_TYPES: ReadonlySet<unknown> = new Set(['sale', 'return', 'void']);
const TENDER_METHODS: ReadonlySet<unknown> = new Set([
  'cash',
  'card',
  'gift_card',
  'voucher',
  'store_credit',
  'other',
]);

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOnly(value: Fields, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return Object.getPrototypeOf(value) === Object.prototype;
}

function isIdentifier(value: unknown): boolean {
  return typeof value === 'string' && IDENTIFIER.test(value);
}

function isTimestamp(value: unknown): boolean {
  return typeof value === 'string' && TIMESTAMP.test(value);
}

function isMinorUnits(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function isNonNegativeMinorUnits(value: unknown): boolean {
  return isMinorUnits(value) && value >= 0;
}

/** Absent keys take the schema's default; JSON never carries `undefined`. */
function optional(value: Fields, key: string, check: (v: unknown) => boolean): boolean {
  return !(key in value) || check(value[key]);
}

/** Positive, finite, at most three decimals (weighed goods), as `quantity` in money.ts. */
function isQuantity(value: unknown): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return false;
  return Math.abs(value * 1000 - Math.round(value * 1000)) < 1e-6;
}

const ENVELOPE_FIELDS: ReadonlySet<string> = new Set([
  'eventId',
  'storeId',
  'seq',
  'class',
  'kind',
  'occurredAt',
  'capturedAt',
  'correlationId',
  'schemaVersion',
  'body',
]);

/** The envelope when `raw` certainly passes `eventEnvelope`; null when zod must decide. */
export function fastEnvelope(raw: Fields): EventEnvelope | null {
  if (!hasOnly(raw, ENVELOPE_FIELDS) || Object.keys(raw).length !== ENVELOPE_KEYS) return null;

  const { eventId, seq, correlationId } = raw;
  const ok =
    typeof eventId === 'string' &&
    UUID_V7.test(eventId) &&
    isIdentifier(raw.storeId) &&
    typeof seq === 'number' &&
    Number.isSafeInteger(seq) &&
    seq > 0 &&
    CLASSES.has(raw.class) &&
    KINDS.has(raw.kind) &&
    isTimestamp(raw.occurredAt) &&
    isTimestamp(raw.capturedAt) &&
    typeof correlationId === 'string' &&
    correlationId.length >= 1 &&
    correlationId.length <= 128 &&
    raw.schemaVersion === SCHEMA_VERSION;
  return ok ? (raw as EventEnvelope) : null;
}

const LINE_FIELDS: ReadonlySet<string> = new Set([
  'sku',
  'quantity',
  'unitPrice',
  'discount',
  'tax',
]);
const TENDER_FIELDS: ReadonlySet<string> = new Set(['method', 'amount']);
const TRANSACTION_FIELDS: ReadonlySet<string> = new Set([
  'transactionId',
  'terminalId',
  'type',
  'occurredAt',
  'currency',
  'lines',
  'tenders',
  'total',
  'originalTransactionId',
]);

function isLine(line: unknown): boolean {
  return (
    isFields(line) &&
    hasOnly(line, LINE_FIELDS) &&
    isIdentifier(line.sku) &&
    isQuantity(line.quantity) &&
    isNonNegativeMinorUnits(line.unitPrice) &&
    optional(line, 'discount', isNonNegativeMinorUnits) &&
    optional(line, 'tax', isNonNegativeMinorUnits)
  );
}

function isTender(tender: unknown): boolean {
  return (
    isFields(tender) &&
    hasOnly(tender, TENDER_FIELDS) &&
    TENDER_METHODS.has(tender.method) &&
    isMinorUnits(tender.amount)
  );
}

function isListOf(value: unknown, max: number, item: (v: unknown) => boolean): boolean {
  return Array.isArray(value) && value.length <= max && value.every(item);
}

/** True only when `posTransaction` (sale, return, void) certainly accepts `body`. */
export function fastPosTransaction(body: unknown): boolean {
  if (!isFields(body) || !hasOnly(body, TRANSACTION_FIELDS)) return false;

  const original = 'originalTransactionId' in body ? body.originalTransactionId : null;
  const lines = body.lines;
  const shapeOk =
    isIdentifier(body.transactionId) &&
    isIdentifier(body.terminalId) &&
    TRANSACTION_TYPES.has(body.type) &&
    isTimestamp(body.occurredAt) &&
    typeof body.currency === 'string' &&
    CURRENCY.test(body.currency) &&
    isListOf(lines, 1000, isLine) &&
    optional(body, 'tenders', (t) => isListOf(t, 50, isTender)) &&
    isMinorUnits(body.total) &&
    (original === null || isIdentifier(original));
  if (!shapeOk) return false;

  // The schema's own rules: a void names what it voids, anything else has lines.
  if (body.type === 'void') return original !== null;
  return (lines as unknown[]).length > 0;
}
