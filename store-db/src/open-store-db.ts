import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createCaptureWriter } from './capture-writer.js';
import type { Clock } from './clock.js';
import { StoreDbClosedError } from './errors.js';
import { GroupCommit } from './group-commit.js';
import { migrate } from './migrate.js';
import { createOutboxQueue } from './outbox.js';
import { createOutboxReports } from './outbox-reports.js';
import { applyDurabilityPragmas, readDurability } from './pragmas.js';
import { createPriceBook } from './price-book.js';
import { createQuarantine } from './quarantine.js';
import { checkStoreId, claimStoreIdentity } from './store-identity.js';
import type { CaptureOutcome, OpenedStoreDb, StoreDbOptions } from './types.js';

const DEFAULT_MAX_GROUP_SIZE = 512;

/**
 * Opens (creating if needed) the store's SQLite file: durability pragmas set and
 * asserted, migrations applied, the file's store id checked. Throws a typed
 * error instead of opening a database that could lose a sale.
 */
export function openStoreDb(options: StoreDbOptions): OpenedStoreDb {
  const storeId = checkStoreId(options.storeId);
  const clock: Clock = { now: options.now ?? Date.now, random: options.random ?? Math.random };
  const db = openConnection(options, storeId);

  try {
    return assemble(db, storeId, clock, options.maxGroupSize ?? DEFAULT_MAX_GROUP_SIZE);
  } catch (error) {
    db.close();
    throw error;
  }
}

function openConnection(options: StoreDbOptions, storeId: string): Database.Database {
  mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);

  try {
    applyDurabilityPragmas(db, options.maxPageCount);
    migrate(db);
    claimStoreIdentity(db, storeId);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function assemble(
  db: Database.Database,
  storeId: string,
  clock: Clock,
  maxGroupSize: number,
): OpenedStoreDb {
  const writer = createCaptureWriter(db, storeId, clock);
  const group = new GroupCommit((units) => writer.writeGroup(units), Math.max(1, maxGroupSize));
  let closed = false;

  const submit = (requests: Parameters<GroupCommit['submit']>[0]) =>
    closed ? Promise.reject(new StoreDbClosedError(storeId)) : group.submit(requests);
  const first = (outcomes: CaptureOutcome[]) => outcomes[0] as CaptureOutcome;

  return {
    storeId,
    capture: (request) => submit([request]).then(first),
    captureMany: (requests) =>
      requests.length === 0 ? Promise.resolve([]) : submit([...requests]),
    captureHeartbeat: (heartbeat, correlationId) =>
      submit([{ kind: 'heartbeat', heartbeat, correlationId }]).then(first),
    ...createOutboxQueue(db, clock),
    ...createOutboxReports(db, clock),
    ...createQuarantine(db, clock),
    ...createPriceBook(db, clock),
    stats: () => group.stats(),
    durability: () => readDurability(db),
    async close() {
      if (closed) return;
      closed = true;
      group.flush();
      db.close();
    },
  };
}
