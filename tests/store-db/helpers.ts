import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DayClose, InventoryAdjustment, PosTransaction } from '@storesync/protocol';
import {
  type CaptureRequest,
  type OpenedStoreDb,
  openStoreDb,
  type StoreDbOptions,
} from '@storesync/store-db';
import Database from 'better-sqlite3';
import { contractSale } from '../support/pos-fixtures.js';

/** A clock the test moves by hand. */
export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

export function manualClock(start = Date.parse('2026-11-27T14:00:00.000Z')): ManualClock {
  let at = start;
  return {
    now: () => at,
    advance: (ms) => {
      at += ms;
    },
  };
}

/** A fresh folder that `cleanup` removes. */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'storesync-store-db-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Opens a store database in a temp folder; `done` closes it and removes the folder. */
export function tempStoreDb(options: Partial<StoreDbOptions> = {}): {
  db: OpenedStoreDb;
  path: string;
  done(): Promise<void>;
} {
  const { dir, cleanup } = tempDir();
  const path = join(dir, 'store.db');
  const db = openStoreDb({ path, storeId: 'S001', ...options });
  return {
    db,
    path,
    async done() {
      await db.close();
      cleanup();
    },
  };
}

/** A second, read-only connection: sees only what was committed. */
export function readCommitted<T>(path: string, sql: string, ...params: unknown[]): T[] {
  const reader = new Database(path, { readonly: true });
  try {
    return reader.prepare(sql).all(...params) as T[];
  } finally {
    reader.close();
  }
}

export const sale = contractSale;

export function saleRequest(
  transactionId: string,
  overrides: Partial<PosTransaction> = {},
): CaptureRequest {
  return {
    kind: 'transaction',
    transaction: sale(transactionId, overrides),
    correlationId: `req-${transactionId}`,
  };
}

export function adjustmentRequest(adjustmentId: string): CaptureRequest {
  const adjustment: InventoryAdjustment = {
    adjustmentId,
    reason: 'receipt',
    occurredAt: '2026-11-27T09:00:00.000Z',
    lines: [{ sku: 'SKU-0042', quantity: 12 }],
    counterpartyStoreId: null,
    reference: 'PO-77',
  };
  return { kind: 'inventory_adjustment', adjustment, correlationId: `req-${adjustmentId}` };
}

export function dayCloseRequest(businessDate: string): CaptureRequest {
  const dayClose: DayClose = {
    businessDate,
    closedAt: `${businessDate}T23:05:00.000Z`,
    currency: 'USD',
    transactionCount: 412,
    totals: [{ method: 'card', amount: 1_234_500 }],
  };
  return { kind: 'day_close', dayClose, correlationId: `req-close-${businessDate}` };
}
