import type { z } from 'zod';
import { toDayCloseBatch, toInventoryMovementBatch, toSalesBatch } from './document-mapping.js';
import { type OnHandAnswer, onHandAnswer, type PriceList, priceList } from './documents.js';
import type {
  DayClosePosting,
  ErpAdapter,
  ErpPostingResult,
  InventoryPosting,
  SalesPosting,
} from './erp-adapter.js';
import { type ErpOperation, ErpPermanentError } from './erp-errors.js';
import { createErpHttpClient, type ErpAuth, type ErpHttpClient } from './erp-http-client.js';

/** Paths of the ERP's endpoints, relative to `baseUrl`. */
export interface ErpPaths {
  sales: string;
  inventory: string;
  dayClose: string;
  onHand: string;
  prices: string;
}

/** The endpoints of the storesync ERP API, which the ERP sandbox serves. */
export const DEFAULT_ERP_PATHS: Readonly<ErpPaths> = {
  sales: '/api/sales-documents',
  inventory: '/api/inventory-movements',
  dayClose: '/api/day-closes',
  onHand: '/api/on-hand',
  prices: '/api/prices',
};

export interface RestErpAdapterOptions {
  /** e.g. `http://erp:8090`; a path prefix (`http://erp/v2`) is kept. */
  baseUrl: string;
  auth?: ErpAuth;
  paths?: Partial<ErpPaths>;
  /** Deadline of one whole exchange; default 10 s. */
  timeoutMs?: number;
  /** Default `Idempotency-Key`; NetSuite wants `X-NetSuite-Idempotency-Key`. */
  idempotencyHeader?: string;
  /** SKUs per on-hand request, which keeps URLs short; default 100. */
  onHandChunkSize?: number;
}

function postingResultOf(status: number, headers: Headers, body: unknown): ErpPostingResult {
  const reference = (body as { erpReference?: unknown } | null)?.erpReference;
  return {
    status,
    replayed: headers.get('idempotent-replayed') === 'true',
    erpReference: typeof reference === 'string' ? reference : null,
    body,
  };
}

/** A read answer the adapter cannot use is the ERP's fault, not a reason to retry. */
function readAnswer<T>(schema: z.ZodType<T>, body: unknown, operation: ErpOperation): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;

  throw new ErpPermanentError(
    'ERP_BAD_RESPONSE',
    { operation, status: 200, idempotencyKey: null, body },
    { cause: parsed.error },
  );
}

/**
 * An ERP adapter for a JSON-over-HTTP ERP speaking the documents of
 * documents.ts (first target: the ERP sandbox). Uses the global fetch.
 */
export function createRestErpAdapter(options: RestErpAdapterOptions): ErpAdapter {
  return new RestErpAdapter(options);
}

class RestErpAdapter implements ErpAdapter {
  private readonly base: string;
  private readonly paths: ErpPaths;
  private readonly send: ErpHttpClient;
  private readonly onHandChunkSize: number;

  constructor(options: RestErpAdapterOptions) {
    this.base = new URL(options.baseUrl).toString().replace(/\/+$/, '');
    this.paths = { ...DEFAULT_ERP_PATHS, ...options.paths };
    this.onHandChunkSize = options.onHandChunkSize ?? 100;
    this.send = createErpHttpClient({
      auth: options.auth,
      timeoutMs: options.timeoutMs ?? 10_000,
      idempotencyHeader: options.idempotencyHeader ?? 'Idempotency-Key',
    });
  }

  async postSales(batch: SalesPosting, idempotencyKey: string): Promise<ErpPostingResult> {
    const body = toSalesBatch(batch.storeId, batch.transactions, batch.businessDate);
    return this.post('postSales', this.paths.sales, body, idempotencyKey);
  }

  async postInventoryMovements(
    batch: InventoryPosting,
    idempotencyKey: string,
  ): Promise<ErpPostingResult> {
    const body = toInventoryMovementBatch(batch.storeId, batch.adjustments);
    return this.post('postInventoryMovements', this.paths.inventory, body, idempotencyKey);
  }

  async postDayCloses(batch: DayClosePosting, idempotencyKey: string): Promise<ErpPostingResult> {
    const body = toDayCloseBatch(batch.storeId, batch.closes);
    return this.post('postDayCloses', this.paths.dayClose, body, idempotencyKey);
  }

  /** Asks in chunks of SKUs, which keeps URLs short, and merges the answers. */
  async fetchOnHand(storeId: string, skus: readonly string[]): Promise<OnHandAnswer> {
    const merged: OnHandAnswer = { storeId, items: [], unknownSkus: [] };

    for (let i = 0; i < skus.length; i += this.onHandChunkSize) {
      const chunk = skus.slice(i, i + this.onHandChunkSize).join(',');
      const query = new URLSearchParams({ storeId, skus: chunk });
      const body = await this.get('fetchOnHand', `${this.paths.onHand}?${query}`);
      const part = readAnswer<OnHandAnswer>(onHandAnswer, body, 'fetchOnHand');
      merged.items.push(...part.items);
      merged.unknownSkus.push(...part.unknownSkus);
    }

    return merged;
  }

  async fetchPrices(): Promise<PriceList> {
    const body = await this.get('fetchPrices', this.paths.prices);
    return readAnswer<PriceList>(priceList, body, 'fetchPrices');
  }

  private async post(
    operation: ErpOperation,
    path: string,
    body: unknown,
    idempotencyKey: string,
  ): Promise<ErpPostingResult> {
    const url = `${this.base}${path}`;
    const answer = await this.send({ operation, idempotencyKey, method: 'POST', url, body });
    return postingResultOf(answer.status, answer.headers, answer.body);
  }

  private async get(operation: ErpOperation, pathAndQuery: string): Promise<unknown> {
    const url = `${this.base}${pathAndQuery}`;
    const answer = await this.send({ operation, idempotencyKey: null, method: 'GET', url });
    return answer.body;
  }
}
