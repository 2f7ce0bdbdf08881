import { parseStoreTopic, topics } from '@storesync/protocol';
import type { BatchIngest } from './batch-ingest.js';
import type { IngestContext } from './ingest-context.js';
import type { StatusIngest } from './status-ingest.js';

/** Sends one message on the hub's MQTT link (QoS 1). */
export type PublishFn = (topic: string, payload: string) => void;

/**
 * Routes what the hub's subscriptions deliver: batches to the batch ingest,
 * whose ack is published once its commit has returned, statuses to the registry.
 */
export class HubMessageRouter {
  constructor(
    private readonly context: IngestContext,
    private readonly batches: BatchIngest,
    private readonly statuses: StatusIngest,
    private readonly publish: PublishFn,
  ) {}

  handle(topic: string, payload: Buffer | string, clientStoreId: string | null = null): void {
    const channel = parseStoreTopic(topic)?.channel;
    if (channel === 'status') {
      this.statuses.ingest(topic, payload, clientStoreId);
      return;
    }
    if (channel !== 'events') {
      this.context.logger.debug({ topic }, 'message on a topic the hub does not read');
      return;
    }

    const { ack } = this.batches.ingest(topic, payload, clientStoreId);
    if (ack !== null) this.publish(topics.acks(ack.storeId), JSON.stringify(ack));
  }
}
