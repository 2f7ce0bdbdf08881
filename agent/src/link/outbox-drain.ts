import { randomUUID } from 'node:crypto';
import { type BatchAck, topics } from '@storesync/protocol';
import type { OutboxEvent, StoreDb } from '@storesync/store-db';
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import { batchPayload } from './batch-payload.js';
import type { LinkOptions } from './link-options.js';

/** Publishes one message QoS 1 and resolves on the broker's PUBACK. */
export type PublishFn = (topic: string, payload: string) => Promise<void>;

interface BatchInFlight {
  eventIds: string[];
  settle: () => void;
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
 */
export class OutboxDrain {
  private readonly inFlight = new Map<string, BatchInFlight>();
  private readonly window: PQueue;
  private connected = false;
  private pumping = false;

  constructor(private readonly deps: DrainDeps) {
    this.window = new PQueue({ concurrency: deps.options.windowSize });
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
    this.window.clear();
    for (const batch of this.inFlight.values()) batch.settle();
  }

  setWindowSize(size: number): void {
    this.window.concurrency = size;
    this.pump();
  }

  /** Fills the window with new batches while there is room and work. */
  pump(): void {
    if (!this.connected || this.pumping) return;
    this.pumping = true;

    try {
      while (this.connected && this.window.size + this.window.pending < this.window.concurrency) {
        const events = this.deps.db.claimBatch({
          maxEvents: this.deps.options.maxBatchEvents,
          maxBytes: this.deps.options.maxBatchBytes,
        });
        if (events.length === 0) break;

        this.window
          .add(() => this.sendBatch(events))
          .catch((err: unknown) => {
            this.deps.logger.error({ err }, 'outbox batch send failed');
          });
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
    this.inFlight.get(ack.batchId)?.settle();
  }

  inFlightBatches(): number {
    return this.inFlight.size;
  }

  private async sendBatch(events: OutboxEvent[]): Promise<void> {
    const first = events[0];
    if (!first) return;

    const batchId = randomUUID();
    const eventIds = events.map((e) => e.eventId);
    const acked = this.waitForAck(batchId, eventIds);
    const payload = batchPayload(
      batchId,
      this.deps.storeId,
      first.class,
      new Date().toISOString(),
      events.map((e) => e.envelope),
    );

    this.deps.logger.debug({ batchId, events: events.length, class: first.class }, 'batch sent');
    try {
      await this.deps.publish(topics.events(this.deps.storeId, first.class), payload);
    } catch (err) {
      // The link dropped mid-publish; the events stay in flight until the next linkUp.
      this.deps.logger.warn({ err, batchId }, 'batch publish failed');
      this.inFlight.get(batchId)?.settle();
    }

    await acked;
    setImmediate(() => this.pump());
  }

  private waitForAck(batchId: string, eventIds: string[]): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.deps.logger.warn({ batchId, events: eventIds.length }, 'batch ack timed out');
        if (this.connected) this.deps.db.releaseForRetry(eventIds);
        this.inFlight.get(batchId)?.settle();
      }, this.deps.options.ackTimeoutMs);
      timer.unref();

      this.inFlight.set(batchId, {
        eventIds,
        timer,
        settle: () => {
          clearTimeout(timer);
          this.inFlight.delete(batchId);
          resolve();
        },
      });
    });
  }
}
