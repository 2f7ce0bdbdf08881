import type { DayClose, InventoryAdjustment, PosTransaction } from '@storesync/protocol';
import { type CatalogueItem, createCatalogue } from './catalogue.js';
import type { PosAnswer } from './pos-client.js';
import { TRANSACTION_SPACING_MS } from './till.js';

/** What `runTills` simulates; only the first four are required. */
export interface RunTillsOptions {
  baseUrl: string;
  token: string;
  tills: number;
  transactionsPerTill: number;
  /** Requests in flight at once across all tills; a till waits for its own answer. */
  concurrency?: number;
  seed?: number;
  /** Share of transactions that return part of an earlier sale; default 0.05. */
  returnRate?: number;
  /** Share of transactions that void an earlier sale; default 0.02. */
  voidRate?: number;
  /** Sales tax in basis points; default 825 (8.25 %). */
  taxRateBps?: number;
  currency?: string;
  /** Transactions per request (a till uploading its backlog posts arrays); default 1. */
  batchSize?: number;
  /** Back-office inventory adjustments posted after the sales; default 0. */
  adjustments?: number;
  /** Post the day close of everything accepted at the end; default false. */
  dayClose?: boolean;
  /** Time of each till's first transaction; default so that the last one is about now. */
  startAt?: Date;
  /** First transaction number of every till (for a second run on the same store); default 1. */
  firstNumber?: number;
  catalogue?: readonly CatalogueItem[];
  counterpartyStoreId?: string;
  /** Stops the tills after their current request (a peak run cut short). */
  signal?: AbortSignal;
}

/** The agent's answer for one transaction. Status 0 means no answer (connection lost). */
export interface TillAnswer {
  transactionId: string;
  status: number;
  duplicate: boolean | null;
  body: unknown;
  latencyMs: number;
}

/** What `runTills` sent and what the agent answered. */
export interface RunTillsResult {
  /** Every transaction posted, till by till in posting order. */
  sent: PosTransaction[];
  answers: TillAnswer[];
  adjustments: Array<{ adjustment: InventoryAdjustment; answer: PosAnswer }>;
  dayClose: { dayClose: DayClose; answer: PosAnswer } | null;
  durationMs: number;
  /** One sample per HTTP request, in completion order. */
  requestLatenciesMs: number[];
}

/** The options with every default filled in. */
export type TillsSettings = Required<Omit<RunTillsOptions, 'catalogue' | 'startAt' | 'signal'>> & {
  catalogue: readonly CatalogueItem[];
  startAt: Date;
  signal: AbortSignal | null;
};

/** Fills in the defaults: one request per till in flight, seed 1, USD, 8.25 % tax. */
export function settleTillsOptions(options: RunTillsOptions): TillsSettings {
  const span = options.transactionsPerTill * TRANSACTION_SPACING_MS;
  return {
    concurrency: options.tills,
    seed: 1,
    returnRate: 0.05,
    voidRate: 0.02,
    taxRateBps: 825,
    currency: 'USD',
    batchSize: 1,
    adjustments: 0,
    dayClose: false,
    firstNumber: 1,
    counterpartyStoreId: 'S002',
    ...options,
    catalogue: options.catalogue ?? createCatalogue(),
    startAt: options.startAt ?? new Date(Math.floor((Date.now() - span) / 1000) * 1000),
    signal: options.signal ?? null,
  };
}
