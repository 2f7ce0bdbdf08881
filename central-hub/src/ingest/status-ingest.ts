import { parseStoreTopic, storeStatus } from '@storesync/protocol';
import { fieldMessages } from './field-messages.js';
import type { IngestContext } from './ingest-context.js';
import { clientMismatch, topicMismatch } from './mismatch.js';
import { payloadText } from './payload-text.js';
import { type Refusal, recordRefusal } from './refusal.js';

/** What a status message did to the store registry. */
export type StatusOutcome = 'recorded' | 'unknown_store' | 'cleared' | 'refused';

/**
 * Takes a store's retained heartbeat or last will into the registry: online
 * state, last seen, agent version and outbox backlog. Same storeId checks as
 * batches; a bad status is refused into the rejected log.
 */
export class StatusIngest {
  constructor(private readonly context: IngestContext) {}

  ingest(topic: string, payload: Buffer | string, clientStoreId: string | null): StatusOutcome {
    const parsedTopic = parseStoreTopic(topic);
    const storeId = parsedTopic?.storeId ?? null;
    const text = payloadText(payload);
    if (parsedTopic?.channel !== 'status' || parsedTopic.rest.length > 0 || storeId === null) {
      const message = 'topic: must be storesync/v1/stores/{storeId}/status';
      return this.refuse(topic, storeId, text, { code: 'VALIDATION_FAILED', message });
    }
    const wrongClient = clientMismatch(clientStoreId, storeId);
    if (wrongClient) return this.refuse(topic, storeId, text, wrongClient);
    // An empty retained message only clears the broker's copy.
    if (text === '') return 'cleared';
    if (!this.context.store.stores.has(storeId)) return 'unknown_store';

    return this.record(topic, storeId, text);
  }

  private record(topic: string, storeId: string, text: string): StatusOutcome {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      const message = `status is not valid JSON: ${(err as Error).message}`;
      return this.refuse(topic, storeId, text, { code: 'INVALID_JSON', message });
    }

    const parsed = storeStatus.safeParse(json);
    if (!parsed.success) {
      const message = fieldMessages(parsed.error);
      return this.refuse(topic, storeId, text, { code: 'VALIDATION_FAILED', message });
    }
    if (parsed.data.storeId !== storeId) {
      const message = topicMismatch('storeId', 'status', parsed.data.storeId, storeId);
      return this.refuse(topic, storeId, text, { code: 'STORE_MISMATCH', message });
    }

    const receivedAt = this.context.now().toISOString();
    this.context.store.stores.recordStatus(parsed.data, receivedAt);
    this.context.logger.debug({ storeId, state: parsed.data.state }, 'store status recorded');
    return 'recorded';
  }

  private refuse(topic: string, storeId: string | null, text: string, refusal: Refusal) {
    recordRefusal(
      this.context,
      { channel: 'status', topic, storeId, batchId: null, text },
      refusal,
    );
    return 'refused' as const;
  }
}
