import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { CircuitState } from './circuit-breaker.js';
import type { PendingEvents } from './pending-events.js';
import type { PostingKind } from './posting-kind.js';
import { RateMeter } from './rate-meter.js';

/** How a failed ERP request is handled; also the `class` label of the error counter. */
export type ErpFailureClass =
  | 'rate_limited'
  | 'transient'
  | 'configuration'
  | 'documents'
  | 'batch'
  | 'unexpected';

/** How one ERP request ended, for the request histogram. */
export type RequestOutcome = 'posted' | 'refused' | 'failed';

const CIRCUIT_VALUE: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };

/** The posting pipeline's Prometheus metrics, in the hub's registry. */
export interface PostingMetrics {
  requestFinished(kind: PostingKind, outcome: RequestOutcome, seconds: number): void;
  /** A batch posted: its documents, and seconds from hub receipt of its oldest to the ERP. */
  batchPosted(kind: PostingKind, documents: number, latencySeconds: number, nowMs: number): void;
  erpError(failureClass: ErpFailureClass, code: string): void;
  /** The ERP answered a resend from its idempotency store: an earlier send had posted it. */
  replayedAnswer(): void;
  deadLettered(count: number): void;
  circuit(state: CircuitState): void;
  allowedRate(requestsPerSecond: number): void;
  /** 1 while posting is paused because the ERP refuses the hub's configuration. */
  configurationProblem(active: boolean): void;
  /** Sales, returns and voids posted per second over the last ten seconds. */
  postedPerSecond(nowMs: number): number;
}

/** Where the backlog gauges read from on each scrape. */
export interface PostingMetricReaders {
  pending: () => PendingEvents;
  openDeadLetters: () => number;
  now: () => Date;
}

function gauge(registry: Registry, name: string, help: string, labelNames: string[] = []) {
  return new Gauge({ name: `storesync_hub_${name}`, help, labelNames, registers: [registry] });
}

function counter(registry: Registry, name: string, help: string, labelNames: string[] = []) {
  return new Counter({ name: `storesync_hub_${name}`, help, labelNames, registers: [registry] });
}

/** Registers the backlog gauges, read from hub.db on every scrape. */
function registerBacklogGauges(registry: Registry, readers: PostingMetricReaders): void {
  new Gauge({
    name: 'storesync_hub_posting_queue_depth',
    help: 'Events accepted and not yet posted to the ERP, by posting kind',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      for (const [kind, depth] of Object.entries(readers.pending().depthByKind)) {
        this.set({ kind }, depth);
      }
    },
  });
  new Gauge({
    name: 'storesync_hub_posting_oldest_unposted_age_seconds',
    help: 'Age at the hub of the oldest event not yet posted; 0 when none waits',
    registers: [registry],
    collect() {
      const oldest = readers.pending().oldestReceivedAt;
      const ageMs = oldest === null ? 0 : readers.now().getTime() - Date.parse(oldest);
      this.set(Math.max(0, ageMs) / 1000);
    },
  });
  new Gauge({
    name: 'storesync_hub_dead_letters_open',
    help: 'Documents the ERP refused for good, waiting for an operator',
    registers: [registry],
    collect() {
      this.set(readers.openDeadLetters());
    },
  });
}

function histograms(registry: Registry) {
  return {
    request: new Histogram({
      name: 'storesync_hub_erp_request_seconds',
      help: 'Duration of one ERP posting request, by kind and outcome',
      labelNames: ['kind', 'outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'storesync_hub_posting_latency_seconds',
      help: 'From hub receipt of the oldest event of a batch to the ERP accepting the batch',
      labelNames: ['kind'],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600],
      registers: [registry],
    }),
  };
}

function counters(registry: Registry) {
  return {
    documents: counter(registry, 'erp_posted_documents_total', 'Documents posted', ['kind']),
    transactions: counter(
      registry,
      'erp_posted_transactions_total',
      'Sales, returns and voids posted to the ERP (rate() gives transactions per second)',
    ),
    errors: counter(
      registry,
      'erp_errors_total',
      'Failed ERP requests, by handling class and ERP error code',
      ['class', 'code'],
    ),
    replays: counter(
      registry,
      'erp_replayed_answers_total',
      'Resends the ERP answered from its idempotency store (no double posting)',
    ),
    dead: counter(registry, 'dead_letters_total', 'Documents made dead letters'),
  };
}

function gauges(registry: Registry, meter: RateMeter, now: () => Date) {
  new Gauge({
    name: 'storesync_hub_erp_posted_transactions_per_second',
    help: 'Sales, returns and voids posted per second over the last ten seconds',
    registers: [registry],
    collect() {
      this.set(meter.perSecond(now().getTime()));
    },
  });
  return {
    circuit: gauge(registry, 'erp_circuit_state', 'ERP circuit: 0 closed, 1 half-open, 2 open'),
    rate: gauge(registry, 'erp_allowed_requests_per_second', 'Adaptive ERP request rate'),
    config: gauge(
      registry,
      'erp_configuration_problem',
      '1 while posting is paused because the ERP refuses the hub credentials or endpoints',
    ),
  };
}

/** Creates the posting metrics in `registry` (the hub's `metrics.registry`). */
export function createPostingMetrics(
  registry: Registry,
  readers: PostingMetricReaders,
): PostingMetrics {
  registerBacklogGauges(registry, readers);
  const meter = new RateMeter();
  const { request, latency } = histograms(registry);
  const { documents, transactions, errors, replays, dead } = counters(registry);
  const { circuit, rate, config } = gauges(registry, meter, readers.now);

  return {
    requestFinished: (kind, outcome, seconds) => request.observe({ kind, outcome }, seconds),
    batchPosted(kind, count, latencySeconds, nowMs) {
      documents.inc({ kind }, count);
      latency.observe({ kind }, Math.max(0, latencySeconds));
      if (kind === 'sales') {
        transactions.inc(count);
        meter.add(count, nowMs);
      }
    },
    erpError: (failureClass, code) => errors.inc({ class: failureClass, code }),
    replayedAnswer: () => replays.inc(),
    deadLettered: (count) => dead.inc(count),
    circuit: (state) => circuit.set(CIRCUIT_VALUE[state]),
    allowedRate: (rps) => rate.set(rps),
    configurationProblem: (active) => config.set(active ? 1 : 0),
    postedPerSecond: (nowMs) => meter.perSecond(nowMs),
  };
}
