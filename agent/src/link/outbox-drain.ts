import { randomUUID } from 'node:crypto';
import { type BatchAck, topics } from '@storesync/protocol';
import type { OutboxEvent, StoreDb } from '@storesync/store-db';
import type { Logger } from 'pino';
import { batchPayload } from './batch-payload.js';
import type { LinkOptions } from './link-options.js';

/** Publishes one message QoS 1 and resolves on the broker's PUBACK. */
export type PublishFn = (topic: string, payload: string) => Promise<void>;

/** What the drain keeps of a batch until its ack: ids only, never the envelopes. */
interface BatchInFlight {
  eventIds: string[];
  timer: NodeJS.Timeout;
}

export interface DrainDeps {
  db: StoreDb;
  storeId: string;
  publish: PublishFn;
  logger: Logger;
  options: LinkOptions;
}

/**
 * Moves the store's outbox to the hub: claims the highest class first, packs
 * events into batches, keeps a bounded window of unacknowledged batches, and
 * lets events leave the outbox only on the hub's ack (never on a PUBACK).
 * A batch's envelopes and payload are dropped once handed to the MQTT client,
 * so a full window costs its event ids, not its bytes, while it waits for acks.
 */
export class OutboxDrain {
  private readonly inFlight = new Map<string, BatchInFlight>();
  private windowSize: number;
  private connected = false;
  private pumping = false;
  private pumpQueued = false;

  constructor(private readonly deps: DrainDeps) {
    this.windowSize = deps.options.windowSize;
  }

  /** The link came up: whatever was in flight before is resent, then the drain starts. */
  linkUp(): void {
    this.connected = true;
    const released = this.deps.db.resetInFlight();
    if (released > 0) this.deps.logger.info({ released }, 'outbox in-flight events released');
    this.pump();
  }

  /** The link went down: stop waiting for acks that may never come. */
  linkDown(): void {
    this.connected = false;
    for (const batchId of [...this.inFlight.keys()]) this.settle(batchId);
  }

  setWindowSize(size: number): void {
    this.windowSize = size;
    this.pump();
  }

  /** Fills the window with new batches while there is room and work. */
  pump(): void {
    if (!this.connected || this.pumping) return;
    this.pumping = true;

    try {
      while (this.connected && this.inFlight.size < this.windowSize) {
        const events = this.deps.db.claimBatch({
          maxEvents: this.deps.options.maxBatchEvents,
          maxBytes: this.deps.options.maxBatchBytes,
        });
        if (events.length === 0) break;

        this.send(events);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Applies the hub's answer; acks of batches sent before a restart count too. */
  handleAck(ack: BatchAck): void {
    const acked = this.deps.db.markAcked(ack.accepted);
    const rejected = this.deps.db.markRejected(ack.rejected);

    for (const rejection of ack.rejected) {
      this.deps.logger.warn(
        { eventId: rejection.eventId, code: rejection.code, batchId: ack.batchId },
        'event rejected by hub',
      );
    }

    this.deps.logger.debug({ batchId: ack.batchId, acked, rejected }, 'batch acknowledged');
    this.settle(ack.batchId);
    this.pumpSoon();
  }

  inFlightBatches(): number {
    return this.inFlight.size;
  }

  /** Registers the batch in the window, then hands its payload to the MQTT client. */
  private send(events: OutboxEvent[]): void {
    const first = events[0];
    if (!first) return;

    const batchId = randomUUID();
    const eventIds = events.map((e) => e.eventId);
    this.inFlight.set(batchId, { eventIds, timer: this.ackTimer(batchId, eventIds) });
    const payload = batchPayload(
      batchId,
      this.deps.storeId,
      first.class,
      new Date().toISOString(),
      events.map((e) => e.envelope),
    );

    this.deps.logger.debug({ batchId, events: events.length, class: first.class }, 'batch sent');
    this.deps.publish(topics.events(this.deps.storeId, first.class), payload).catch((err) => {
      // The link dropped mid-publish; the events stay in flight until the next linkUp.
      this.deps.logger.warn({ err, batchId }, 'batch publish failed');
      this.settle(batchId);
    });
  }

  private ackTimer(batchId: string, eventIds: string[]): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.deps.logger.warn({ batchId, events: eventIds.length }, 'batch ack timed out');
      if (this.connected) this.deps.db.releaseForRetry(eventIds);
      this.settle(batchId);
      this.pumpSoon();
    }, this.deps.options.ackTimeoutMs);
    timer.unref();
    return timer;
  }

  private settle(batchId: string): void {
    const batch = this.inFlight.get(batchId);
    if (!batch) return;

    clearTimeout(batch.timer);
    this.inFlight.delete(batchId);
  }

  /** Acks that arrive together are all applied before the next claim. */
  private pumpSoon(): void {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    setImmediate(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }
}
