import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StoreRegistry } from '../hub-store/store-registry.js';

/** What a committed batch did, for the counters and the commit latency histogram. */
export interface BatchTally {
  stored: number;
  duplicates: number;
  commitSeconds: number;
}

/** Prometheus metrics of one hub, in a registry of its own (never the global one). */
export interface HubMetrics {
  readonly registry: Registry;
  batchCommitted(tally: BatchTally): void;
  eventRejected(code: string): void;
  /** A whole message (batch or status) was not taken, by protocol error code. */
  messageRefused(channel: 'events' | 'status', code: string): void;
  /** A batch came from a store that was never added: not acked, so it stays at the store. */
  batchFromUnknownStore(): void;
  /** The commit itself failed (disk full, I/O error): not acked, the store resends. */
  ingestFailed(): void;
  /** The embedded broker refused a login, a publish or a subscription. */
  mqttRefused(action: 'connect' | 'publish' | 'subscribe'): void;
}

function counter(registry: Registry, name: string, help: string, labelNames: string[] = []) {
  return new Counter({ name: `storesync_hub_${name}`, help, labelNames, registers: [registry] });
}

/** Creates the hub's registry; the online gauge is read from hub.db on every scrape. */
export function createHubMetrics(stores: StoreRegistry): HubMetrics {
  const registry = new Registry();
  const batches = counter(registry, 'batches_ingested_total', 'Event batches committed');
  const stored = counter(registry, 'events_accepted_total', 'New events stored and acked');
  const duplicates = counter(
    registry,
    'events_duplicate_total',
    'Events acked again whose eventId was already stored',
  );
  const rejected = counter(registry, 'events_rejected_total', 'Events rejected, by code', ['code']);
  const refused = counter(
    registry,
    'messages_refused_total',
    'Whole messages not taken (logged in the rejected log), by channel and code',
    ['channel', 'code'],
  );
  const unknownStore = counter(
    registry,
    'batches_unknown_store_total',
    'Batches from stores never added to the hub (not acked; add the store)',
  );
  const failures = counter(registry, 'ingest_failures_total', 'Batch commits that failed');
  const mqttRefusals = counter(
    registry,
    'mqtt_refusals_total',
    'Logins, publishes and subscriptions the embedded broker refused',
    ['action'],
  );
  const commitSeconds = new Histogram({
    name: 'storesync_hub_ingest_commit_seconds',
    help: 'Time to commit one batch durably (its ack is sent after)',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'storesync_hub_stores_online',
    help: 'Stores whose last status says online',
    registers: [registry],
    collect() {
      this.set(stores.onlineCount());
    },
  });

  return {
    registry,
    batchCommitted(tally) {
      batches.inc();
      stored.inc(tally.stored);
      duplicates.inc(tally.duplicates);
      commitSeconds.observe(tally.commitSeconds);
    },
    eventRejected: (code) => rejected.inc({ code }),
    messageRefused: (channel, code) => refused.inc({ channel, code }),
    batchFromUnknownStore: () => unknownStore.inc(),
    ingestFailed: () => failures.inc(),
    mqttRefused: (action) => mqttRefusals.inc({ action }),
  };
}
