import type Database from 'better-sqlite3';

/**
 * Longest raw text kept per entry. Far above any single event; it only bites on
 * a whole message that could not be read, which stays at its sender anyway.
 */
export const MAX_RAW_CHARS = 1024 * 1024;

/** Something the hub could not accept, kept where an operator can see it. */
export interface RejectedEntry {
  /** Null when no eventId could be read (unreadable message, or an event without one). */
  eventId: string | null;
  /** The store of the topic it came on; null when the topic names none. */
  storeId: string | null;
  batchId: string | null;
  topic: string;
  /** A protocol ERROR_CODES key. */
  code: string;
  message: string;
  /** The event's JSON, or the message text when it could not be read. */
  raw: string;
}

export interface RejectedRecord extends RejectedEntry {
  id: number;
  rawTruncated: boolean;
  rejectedAt: string;
}

interface RejectedRow {
  id: number;
  event_id: string | null;
  store_id: string | null;
  batch_id: string | null;
  topic: string;
  code: string;
  message: string;
  raw: string;
  raw_truncated: number;
  rejected_at: string;
}

/** The hub's quarantine of refused input (DESIGN.md guarantee 4). */
export class RejectedLog {
  private readonly insertStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare(`
      INSERT INTO rejected_events (event_id, store_id, batch_id, topic, code, message, raw,
        raw_truncated, rejected_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  add(entry: RejectedEntry, rejectedAt: string): void {
    const truncated = entry.raw.length > MAX_RAW_CHARS;
    const raw = truncated ? entry.raw.slice(0, MAX_RAW_CHARS) : entry.raw;
    this.insertStmt.run(
      entry.eventId,
      entry.storeId,
      entry.batchId,
      entry.topic,
      entry.code,
      entry.message,
      raw,
      truncated ? 1 : 0,
      rejectedAt,
    );
  }

  /** Newest first, optionally for one store. */
  list(limit = 100, storeId?: string): RejectedRecord[] {
    const rows = (
      storeId === undefined
        ? this.db.prepare('SELECT * FROM rejected_events ORDER BY id DESC LIMIT ?').all(limit)
        : this.db
            .prepare('SELECT * FROM rejected_events WHERE store_id = ? ORDER BY id DESC LIMIT ?')
            .all(storeId, limit)
    ) as RejectedRow[];
    return rows.map((row) => ({
      id: row.id,
      eventId: row.event_id,
      storeId: row.store_id,
      batchId: row.batch_id,
      topic: row.topic,
      code: row.code,
      message: row.message,
      raw: row.raw,
      rawTruncated: row.raw_truncated === 1,
      rejectedAt: row.rejected_at,
    }));
  }
}
