import type { EventClass } from '@storesync/protocol';

/**
 * Builds the JSON of an event batch from the envelopes exactly as the outbox
 * stored them. Splicing the stored JSON avoids parsing and re-serializing
 * every event of a 200,000-event backlog.
 */
export function batchPayload(
  batchId: string,
  storeId: string,
  cls: EventClass,
  sentAt: string,
  envelopes: readonly string[],
): string {
  const head = JSON.stringify({ batchId, storeId, class: cls, sentAt });
  return `${head.slice(0, -1)},"events":[${envelopes.join(',')}]}`;
}
