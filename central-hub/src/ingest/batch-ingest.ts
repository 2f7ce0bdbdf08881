import {
  type BatchAck,
  type EventBatch,
  parseStoreTopic,
  type Rejection,
} from '@storesync/protocol';
import { checkEvent, type EventVerdict } from './check-event.js';
import { eventTexts } from './event-texts.js';
import type { IngestContext } from './ingest-context.js';
import { clientMismatch } from './mismatch.js';
import { payloadText } from './payload-text.js';
import { parseBatchTopic, readBatch } from './read-batch.js';
import { type Refusal, recordRefusal } from './refusal.js';

/** What one batch message came to. */
export interface IngestOutcome {
  /**
   * The ack for `stores/{storeId}/acks`, returned only after the durable commit;
   * null when nothing may be acked (refused message, unknown store, failed commit).
   */
  ack: BatchAck | null;
  /** New events stored. */
  stored: number;
  /** Accepted events whose eventId was already stored (acked again, stored once). */
  duplicates: number;
  rejected: number;
  /** Why the whole message was not taken; null when it was. */
  refusal: Refusal | null;
}

const NOTHING: Omit<IngestOutcome, 'refusal'> = {
  ack: null,
  stored: 0,
  duplicates: 0,
  rejected: 0,
};

function sqliteCode(err: unknown): string | undefined {
  return (err as { code?: string }).code;
}

/**
 * The hub's ingest of event batches: validate, dedup by eventId, commit the
 * batch in one durable transaction, and only then hand back its ack. It takes a
 * topic, a payload and the storeId the publishing client logged in as (null when
 * the transport cannot tell, as over an MQTT 3.1.1 subscription: the broker's
 * ACL vouches for the topic then). Synchronous, so batches commit one at a time.
 */
export class BatchIngest {
  constructor(private readonly context: IngestContext) {}

  ingest(topic: string, payload: Buffer | string, clientStoreId: string | null): IngestOutcome {
    const text = payloadText(payload);
    const batchTopic = parseBatchTopic(topic);
    if (batchTopic === null) {
      const storeId = parseStoreTopic(topic)?.storeId ?? null;
      const message = 'topic: must be storesync/v1/stores/{storeId}/events/{class}';
      return this.refuse(topic, storeId, null, text, { code: 'VALIDATION_FAILED', message });
    }

    const { storeId } = batchTopic;
    const wrongClient = clientMismatch(clientStoreId, storeId);
    if (wrongClient) return this.refuse(topic, storeId, null, text, wrongClient);
    if (!this.context.store.stores.has(storeId)) return this.fromUnknownStore(topic, storeId);

    const reading = readBatch(batchTopic, text);
    if (!reading.ok) return this.refuse(topic, storeId, reading.batchId, text, reading.refusal);

    const { batch } = reading;
    const texts = eventTexts(text, batch.events.length);
    const verdicts = batch.events.map((raw, i) => checkEvent(raw, batch, texts?.[i]));
    return this.commit(topic, batch, verdicts);
  }

  private commit(topic: string, batch: EventBatch, verdicts: EventVerdict[]): IngestOutcome {
    const { store, metrics, logger } = this.context;
    const receivedAt = this.context.now().toISOString();

    const started = performance.now();
    let stored: number;
    try {
      stored = store.transaction(() => this.write(topic, batch, verdicts, receivedAt));
    } catch (err) {
      metrics.ingestFailed();
      const { storeId, batchId } = batch;
      logger.error({ err, storeId, batchId }, 'batch commit failed');
      const code = sqliteCode(err) === 'SQLITE_FULL' ? 'DISK_FULL' : 'INTERNAL';
      return { ...NOTHING, refusal: { code, message: (err as Error).message } };
    }
    const commitSeconds = (performance.now() - started) / 1000;

    const ack = this.ackOf(batch, verdicts);
    const duplicates = verdicts.filter((v) => v.accepted).length - stored;
    metrics.batchCommitted({ stored, duplicates, commitSeconds });
    this.logOutcome(batch, verdicts, stored, duplicates);
    return { ack, stored, duplicates, rejected: ack.rejected.length, refusal: null };
  }

  /** The body of the batch transaction: events, rejected events, the store's counters. */
  private write(
    topic: string,
    batch: EventBatch,
    verdicts: EventVerdict[],
    receivedAt: string,
  ): number {
    const { events, rejected, stores } = this.context.store;
    const { storeId, batchId } = batch;

    let stored = 0;
    for (const verdict of verdicts) {
      if (verdict.accepted) {
        if (events.insert(verdict.event, batchId, receivedAt)) stored++;
        continue;
      }
      const { eventId, code, message } = verdict;
      const raw = JSON.stringify(verdict.raw);
      rejected.add({ eventId, storeId, batchId, topic, code, message, raw }, receivedAt);
    }

    stores.recordBatch(storeId, stored, receivedAt);
    return stored;
  }

  private ackOf(batch: EventBatch, verdicts: EventVerdict[]): BatchAck {
    const accepted = new Set<string>();
    const rejected: Rejection[] = [];
    for (const verdict of verdicts) {
      if (verdict.accepted) accepted.add(verdict.event.eventId);
      else if (verdict.eventId !== null) {
        const { eventId, code, message } = verdict;
        rejected.push({ eventId, code, message });
      }
    }

    const { batchId, storeId } = batch;
    const ackedAt = this.context.now().toISOString();
    return { batchId, storeId, accepted: [...accepted], rejected, ackedAt };
  }

  private logOutcome(
    batch: EventBatch,
    verdicts: EventVerdict[],
    stored: number,
    duplicates: number,
  ): void {
    const { metrics, logger } = this.context;
    const { storeId, batchId } = batch;
    let rejected = 0;
    for (const verdict of verdicts) {
      if (verdict.accepted) continue;
      rejected++;
      metrics.eventRejected(verdict.code);
      const { eventId, code, message } = verdict;
      logger.warn({ storeId, batchId, eventId, code, message }, 'event rejected');
    }
    logger.debug({ storeId, batchId, stored, duplicates, rejected }, 'batch ingested');
  }

  private refuse(
    topic: string,
    storeId: string | null,
    batchId: string | null,
    text: string,
    refusal: Refusal,
  ): IngestOutcome {
    const message = { channel: 'events' as const, topic, storeId, batchId, text };
    recordRefusal(this.context, message, refusal);
    return { ...NOTHING, refusal };
  }

  /** Not refused for good: the events stay at the store until it is added and resends. */
  private fromUnknownStore(topic: string, storeId: string): IngestOutcome {
    this.context.metrics.batchFromUnknownStore();
    this.context.logger.warn({ storeId, topic }, 'batch from a store not added to the hub');
    return { ...NOTHING, refusal: null };
  }
}
