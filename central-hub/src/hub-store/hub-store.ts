import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventLedger } from './event-ledger.js';
import { HubUserTable } from './hub-user-table.js';
import { migrateHubStore } from './migrate.js';
import { applyDurabilityPragmas } from './pragmas.js';
import { RejectedLog } from './rejected-log.js';
import { StoreRegistry } from './store-registry.js';

/** File name of the hub database inside the data dir. */
export const HUB_DB_FILE = 'hub.db';

/**
 * The hub's SQLite database (`${dataDir}/hub.db`): stores, events, rejected
 * input and the hub's own MQTT users. One connection per process; every write
 * the hub acknowledges goes through an IMMEDIATE transaction with synchronous=FULL.
 */
export class HubStore {
  readonly stores: StoreRegistry;
  readonly events: EventLedger;
  readonly rejected: RejectedLog;
  readonly hubUsers: HubUserTable;

  /** Open for the ERP posting pipeline and later read models that need their own SQL. */
  constructor(
    readonly path: string,
    readonly db: Database.Database,
  ) {
    this.stores = new StoreRegistry(db);
    this.events = new EventLedger(db);
    this.rejected = new RejectedLog(db);
    this.hubUsers = new HubUserTable(db);
  }

  /** Runs `work` in one IMMEDIATE transaction; it is durable when this returns. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Opens (creating if needed) `${dataDir}/hub.db`, asserts durability and migrates it. */
export function openHubStore(dataDir: string): HubStore {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, HUB_DB_FILE);
  const db = new Database(path);

  try {
    applyDurabilityPragmas(db);
    migrateHubStore(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return new HubStore(path, db);
}
