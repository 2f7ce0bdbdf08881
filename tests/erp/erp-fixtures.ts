import type { SalesBatch, SalesDocument } from '@storesync/central-hub';
import { type PosTransaction, posTransaction } from '@storesync/protocol';
import { contractSale } from '../support/pos-fixtures.js';

export const STORE = 'S001';

/** A wire sales document of one line, overridable field by field. */
export function saleDocument(
  transactionId: string,
  overrides: Partial<SalesDocument> = {},
): SalesDocument {
  return { storeId: STORE, ...contractSale(transactionId), ...overrides };
}

export function salesBatchOf(...documents: SalesDocument[]): SalesBatch {
  return { storeId: STORE, businessDate: '2026-11-27', documents };
}

/** A parsed POS transaction as the hub holds it in an event body. */
export function posSale(transactionId: string, sku = 'SKU-0042', quantity = 2): PosTransaction {
  return posTransaction.parse({
    transactionId,
    terminalId: 'R01',
    type: 'sale',
    occurredAt: '2026-11-27T14:03:11.123Z',
    currency: 'USD',
    lines: [{ sku, quantity, unitPrice: 1999, discount: 0, tax: 320 }],
    tenders: [{ method: 'card', amount: 4318 }],
    total: 4318,
  });
}

export interface JsonAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field and assert each
  body: any;
}

/** POSTs JSON and reads the answer; `key` becomes the Idempotency-Key header. */
export async function postJson(
  url: string,
  body: unknown,
  key?: string,
  signal?: AbortSignal,
): Promise<JsonAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== undefined) headers['idempotency-key'] = key;

  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    signal,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : null,
  };
}

export async function getJson(url: string): Promise<JsonAnswer> {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** Polls until `check` returns a value other than undefined, or fails after the deadline. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
