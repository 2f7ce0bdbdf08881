import { EVENT_CLASSES } from '@storesync/protocol';
import type { CaptureOutcome, StoreDb } from '@storesync/store-db';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CaptureKind } from './capture/capture-kind.js';
import { quarantineCount } from './quarantine-count.js';

/** Prometheus metrics of one agent, in a registry of its own (never the global one). */
export interface AgentMetrics {
  readonly registry: Registry;
  /** A capture request committed: one count per item by outcome, one latency sample. */
  captured(kind: CaptureKind, outcomes: readonly CaptureOutcome[], seconds: number): void;
  /** A capture request refused (`rejected`: bad input) or failed (`failed`: our side). */
  refused(kind: CaptureKind, outcome: 'rejected' | 'failed'): void;
  /** An error answer, by HTTP status and storesync error code. */
  httpError(status: number, code: string): void;
}

function outboxGauges(registry: Registry, db: StoreDb): void {
  new Gauge({
    name: 'storesync_agent_outbox_depth',
    help: 'Events waiting in the outbox for the hub, by priority class',
    labelNames: ['class'],
    registers: [registry],
    collect() {
      const backlog = db.backlog();
      for (const cls of EVENT_CLASSES) this.set({ class: cls }, backlog[cls]?.depth ?? 0);
    },
  });
  new Gauge({
    name: 'storesync_agent_outbox_oldest_age_seconds',
    help: 'Age of the oldest event waiting in the outbox, by priority class (0 when empty)',
    labelNames: ['class'],
    registers: [registry],
    collect() {
      const backlog = db.backlog();
      for (const cls of EVENT_CLASSES) {
        this.set({ class: cls }, (backlog[cls]?.oldestAgeMs ?? 0) / 1000);
      }
    },
  });
}

function quarantineGauge(registry: Registry, db: StoreDb): void {
  new Gauge({
    name: 'storesync_agent_quarantine_entries',
    help: 'Inputs kept in the quarantine because they could not be accepted',
    registers: [registry],
    collect() {
      this.set(quarantineCount(db));
    },
  });
}

function captureCollectors(registry: Registry) {
  return {
    captures: new Counter({
      name: 'storesync_agent_captures_total',
      help: 'Items posted to the capture endpoints, by kind and outcome',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'storesync_agent_capture_duration_seconds',
      help: 'Time from a valid capture request to its durable commit',
      labelNames: ['kind'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    httpErrors: new Counter({
      name: 'storesync_agent_http_errors_total',
      help: 'Error answers of the HTTP API, by HTTP status and storesync error code',
      labelNames: ['status', 'code'],
      registers: [registry],
    }),
  };
}

/** Creates the agent's registry; outbox and quarantine gauges are read from the db on scrape. */
export function createAgentMetrics(db: StoreDb): AgentMetrics {
  const registry = new Registry();
  const { captures, latency, httpErrors } = captureCollectors(registry);
  outboxGauges(registry, db);
  quarantineGauge(registry, db);

  return {
    registry,
    captured(kind, outcomes, seconds) {
      for (const o of outcomes) captures.inc({ kind, outcome: o.status });
      latency.observe({ kind }, seconds);
    },
    refused: (kind, outcome) => captures.inc({ kind, outcome }),
    httpError: (status, code) => httpErrors.inc({ status: String(status), code }),
  };
}
