import { z } from 'zod';
import { eventClass } from './classes.js';
import { identifier, isoTimestamp } from './money.js';

/**
 * A batch of events on `stores/{storeId}/events/{class}`. Events stay loosely
 * typed here so that one bad event is rejected alone, not its whole batch.
 */
export const eventBatch = z.strictObject({
  batchId: z.string().min(1).max(64),
  storeId: identifier,
  class: eventClass,
  sentAt: isoTimestamp,
  events: z.array(z.unknown()).min(1).max(5000),
});
export type EventBatch = z.infer<typeof eventBatch>;

export const rejection = z.strictObject({
  eventId: z.string(),
  code: z.string(),
  message: z.string(),
});
export type Rejection = z.infer<typeof rejection>;

/** The hub's answer on `stores/{storeId}/acks`, sent only after its durable commit. */
export const batchAck = z.strictObject({
  batchId: z.string(),
  storeId: identifier,
  accepted: z.array(z.string()),
  rejected: z.array(rejection),
  ackedAt: isoTimestamp,
});
export type BatchAck = z.infer<typeof batchAck>;

export const classBacklog = z.strictObject({
  depth: z.number().int().nonnegative(),
  oldestAgeMs: z.number().nonnegative().nullable(),
});

/** Retained on `stores/{storeId}/status`; the last will publishes `offline`. */
export const storeStatus = z.strictObject({
  storeId: identifier,
  state: z.enum(['online', 'offline']),
  agentVersion: z.string().nullable(),
  at: isoTimestamp,
  backlog: z.record(eventClass, classBacklog).nullable(),
});
export type StoreStatus = z.infer<typeof storeStatus>;

export const storeCommand = z.discriminatedUnion('command', [
  z.strictObject({ command: z.literal('drain_now'), issuedAt: isoTimestamp }),
  z.strictObject({ command: z.literal('resync'), issuedAt: isoTimestamp }),
  z.strictObject({
    command: z.literal('throttle'),
    issuedAt: isoTimestamp,
    maxBatchesInFlight: z.number().int().positive(),
  }),
]);
export type StoreCommand = z.infer<typeof storeCommand>;

/** Hub -> store on `stores/{storeId}/pricebook`: a versioned snapshot or delta. */
export const priceBookMessage = z.strictObject({
  version: z.number().int().positive(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  snapshot: z.boolean(),
  publishedAt: isoTimestamp,
  items: z.array(
    z.strictObject({
      sku: identifier,
      price: z.number().int().nonnegative(),
      description: z.string().max(200).nullable().default(null),
    }),
  ),
});
export type PriceBookMessage = z.infer<typeof priceBookMessage>;
