import {
  ERROR_CODES,
  EVENT_CLASSES,
  type EventBatch,
  type EventClass,
  eventBatch,
  parseStoreTopic,
} from '@storesync/protocol';
import { fieldMessages } from './field-messages.js';
import { topicMismatch } from './mismatch.js';
import type { Refusal } from './refusal.js';

/** The store and class a batch topic names. */
export interface BatchTopic {
  storeId: string;
  class: EventClass;
}

export type BatchReading =
  | { ok: true; batch: EventBatch }
  | { ok: false; refusal: Refusal; batchId: string | null };

/** `storesync/v1/stores/{storeId}/events/{class}`, or null for any other topic. */
export function parseBatchTopic(topic: string): BatchTopic | null {
  const parsed = parseStoreTopic(topic);
  if (parsed?.channel !== 'events' || parsed.rest.length !== 1) return null;

  const cls = EVENT_CLASSES.find((c) => c === parsed.rest[0]);
  return cls === undefined ? null : { storeId: parsed.storeId, class: cls };
}

function refused(code: Refusal['code'], message: string, batchId: string | null = null) {
  return { ok: false as const, refusal: { code, message }, batchId };
}

/** The batchId of a payload that failed validation, when it has a readable one. */
function batchIdOf(value: unknown): string | null {
  const id = (value as { batchId?: unknown } | null)?.batchId;
  return typeof id === 'string' ? id.slice(0, 64) : null;
}

/**
 * Reads a batch and checks the envelope of the whole message: JSON, the
 * eventBatch schema, and that its storeId and class are those of the topic.
 * Its events are checked one by one later, so one bad event fails alone.
 */
export function readBatch(topic: BatchTopic, text: string): BatchReading {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return refused('INVALID_JSON', `${ERROR_CODES.INVALID_JSON}: ${(err as Error).message}`);
  }

  const parsed = eventBatch.safeParse(json);
  if (!parsed.success) {
    return refused('VALIDATION_FAILED', fieldMessages(parsed.error), batchIdOf(json));
  }

  const batch = parsed.data;
  if (batch.storeId !== topic.storeId) {
    const message = topicMismatch('storeId', 'batch', batch.storeId, topic.storeId);
    return refused('STORE_MISMATCH', message, batch.batchId);
  }
  if (batch.class !== topic.class) {
    const message = topicMismatch('class', 'batch', batch.class, topic.class);
    return refused('VALIDATION_FAILED', message, batch.batchId);
  }
  return { ok: true, batch };
}
