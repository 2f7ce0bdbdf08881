import type { StoreStatus } from '@storesync/protocol';
import type Database from 'better-sqlite3';

/** One store as the console and `GET /api/stores` show it. */
export interface StoreSummary {
  storeId: string;
  name: string | null;
  online: boolean;
  /** Last heartbeat or batch from the store (ISO 8601), null if never heard from. */
  lastSeen: string | null;
  /** Outbox depth and oldest age per class from the last heartbeat that had them. */
  backlog: StoreStatus['backlog'];
  agentVersion: string | null;
  /** Events stored for this store (duplicates not counted). */
  eventsReceived: number;
  createdAt: string;
}

interface StoreRow {
  store_id: string;
  name: string | null;
  last_seen_at: string | null;
  state: 'online' | 'offline';
  agent_version: string | null;
  backlog_json: string | null;
  events_received: number;
  created_at: string;
}

function toSummary(row: StoreRow): StoreSummary {
  return {
    storeId: row.store_id,
    name: row.name,
    online: row.state === 'online',
    lastSeen: row.last_seen_at,
    backlog: row.backlog_json === null ? null : JSON.parse(row.backlog_json),
    agentVersion: row.agent_version,
    eventsReceived: row.events_received,
    createdAt: row.created_at,
  };
}

/** The stores the hub knows: their MQTT credentials and what their agents last reported. */
export class StoreRegistry {
  private readonly upsertStmt: Database.Statement;
  private readonly hashStmt: Database.Statement;
  private readonly statusStmt: Database.Statement;
  private readonly batchStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.upsertStmt = db.prepare(`
      INSERT INTO stores (store_id, name, password_hash, created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (store_id) DO UPDATE SET
        password_hash = excluded.password_hash, name = COALESCE(excluded.name, stores.name)`);
    this.hashStmt = db.prepare('SELECT password_hash FROM stores WHERE store_id = ?').pluck();
    this.statusStmt = db.prepare(`
      UPDATE stores SET state = ?, status_at = ?,
        agent_version = COALESCE(?, agent_version),
        backlog_json = COALESCE(?, backlog_json),
        last_seen_at = CASE WHEN ? = 'online' THEN ? ELSE last_seen_at END
      WHERE store_id = ?`);
    this.batchStmt = db.prepare(`
      UPDATE stores SET events_received = events_received + ?, last_seen_at = ?
      WHERE store_id = ?`);
  }

  /** Adds a store, or gives an existing one a new password (and name, when one is given). */
  save(storeId: string, name: string | null, passwordHash: string, now: string): void {
    this.upsertStmt.run(storeId, name, passwordHash, now);
  }

  /** The stored scrypt hash of the store's MQTT password; null for a store not added. */
  passwordHashOf(storeId: string): string | null {
    return (this.hashStmt.get(storeId) as string | undefined) ?? null;
  }

  has(storeId: string): boolean {
    return this.passwordHashOf(storeId) !== null;
  }

  /**
   * Applies a heartbeat or last will. The newest message wins: the broker keeps
   * one retained status per store, and a will carries the time the agent
   * connected, not the time it dropped. False when the store is not known.
   */
  recordStatus(status: StoreStatus, receivedAt: string): boolean {
    const backlog = status.backlog === null ? null : JSON.stringify(status.backlog);
    const at = new Date(status.at).toISOString();
    const { state } = status;
    const result = this.statusStmt.run(
      state,
      at,
      status.agentVersion,
      backlog,
      state,
      receivedAt,
      status.storeId,
    );
    return result.changes > 0;
  }

  /** Counts a committed batch; runs inside the ingest transaction. */
  recordBatch(storeId: string, storedEvents: number, receivedAt: string): void {
    this.batchStmt.run(storedEvents, receivedAt, storeId);
  }

  get(storeId: string): StoreSummary | null {
    const row = this.db.prepare('SELECT * FROM stores WHERE store_id = ?').get(storeId);
    return row === undefined ? null : toSummary(row as StoreRow);
  }

  list(): StoreSummary[] {
    const rows = this.db.prepare('SELECT * FROM stores ORDER BY store_id').all() as StoreRow[];
    return rows.map(toSummary);
  }

  onlineCount(): number {
    const sql = "SELECT COUNT(*) FROM stores WHERE state = 'online'";
    return this.db.prepare(sql).pluck().get() as number;
  }
}
