import { z } from 'zod';
import { type EventKind, eventClass, eventKind } from './classes.js';
import { dayClose } from './day-close.js';
import { inventoryAdjustment } from './inventory-adjustment.js';
import { identifier, isoTimestamp } from './money.js';
import { posTransaction } from './pos-transaction.js';

export const SCHEMA_VERSION = 1;

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const eventId = z.string().regex(UUID_V7, { error: 'must be a lowercase UUIDv7' });

export const heartbeatBody = z.strictObject({
  agentVersion: z.string(),
  uptimeSeconds: z.number().nonnegative(),
});

/** Body schema of each kind; the envelope is checked first, then its body. */
export const BODY_OF_KIND = {
  sale: posTransaction,
  return: posTransaction,
  void: posTransaction,
  inventory_adjustment: inventoryAdjustment,
  day_close: dayClose,
  heartbeat: heartbeatBody,
} as const satisfies Record<EventKind, z.ZodType>;

/**
 * One captured fact on its way from a store to the hub. `eventId` is the
 * idempotency key everywhere downstream; `seq` orders a store's events.
 */
export const eventEnvelope = z.strictObject({
  eventId,
  storeId: identifier,
  seq: z.number().int().positive(),
  class: eventClass,
  kind: eventKind,
  occurredAt: isoTimestamp,
  capturedAt: isoTimestamp,
  correlationId: z.string().min(1).max(128),
  schemaVersion: z.literal(SCHEMA_VERSION, { error: `must be ${SCHEMA_VERSION}` }),
  body: z.unknown(),
});
export type EventEnvelope = z.infer<typeof eventEnvelope>;
