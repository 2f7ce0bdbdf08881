import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PosTransaction } from '@storesync/protocol';
import { type OpenedStoreDb, openStoreDb } from '@storesync/store-db';
import pino from 'pino';
import { DEFAULT_LINK_OPTIONS, type LinkOptions } from '../../agent/src/link/link-options.js';
import { contractSale } from '../support/pos-fixtures.js';

export const silentLogger = pino({ level: 'silent' });

export function sale(n: number): PosTransaction {
  return contractSale(`R01-${String(n).padStart(6, '0')}`);
}

/** A store db in a temp folder whose clock the test moves. */
export function drainStore(): {
  db: OpenedStoreDb;
  advance(ms: number): void;
  done(): Promise<void>;
} {
  const dir = mkdtempSync(join(tmpdir(), 'storesync-drain-'));
  let at = Date.parse('2026-11-27T15:00:00.000Z');
  const db = openStoreDb({
    path: join(dir, 'store.db'),
    storeId: 'S001',
    now: () => at,
    random: () => 0.5,
  });
  return {
    db,
    advance: (ms) => {
      at += ms;
    },
    done: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function captureSales(db: OpenedStoreDb, from: number, count: number): Promise<void> {
  await db.captureMany(
    Array.from({ length: count }, (_, i) => ({
      kind: 'transaction' as const,
      transaction: sale(from + i),
      correlationId: `c-${from + i}`,
    })),
  );
}

export function linkOptions(overrides: Partial<LinkOptions>): LinkOptions {
  return { ...DEFAULT_LINK_OPTIONS, ...overrides };
}

export interface PublishedBatch {
  topic: string;
  batchId: string;
  storeId: string;
  class: string;
  eventIds: string[];
}

export function parseBatch(topic: string, payload: string): PublishedBatch {
  const batch = JSON.parse(payload) as {
    batchId: string;
    storeId: string;
    class: string;
    events: Array<{ eventId: string }>;
  };
  return {
    topic,
    batchId: batch.batchId,
    storeId: batch.storeId,
    class: batch.class,
    eventIds: batch.events.map((e) => e.eventId),
  };
}
