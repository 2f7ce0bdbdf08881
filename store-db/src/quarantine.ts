import type Database from 'better-sqlite3';
import { type Clock, isoAt } from './clock.js';
import { writeOrDiskFull } from './disk-errors.js';
import type { QuarantineEntry } from './types.js';

/** Largest raw body kept; a bigger one is cut here and the reason says so. */
export const QUARANTINE_MAX_BODY_BYTES = 256 * 1024;

const DEFAULT_LIST_LIMIT = 100;

/** Input that could not be accepted, kept where an operator can see it. */
export interface QuarantineStore {
  quarantine(entry: { source: string; reason: string; rawBody: string }): number;
  listQuarantine(limit?: number): QuarantineEntry[];
}

/** Keeps at most 256 KiB of each raw body, so one huge post cannot fill the store's disk. */
export function createQuarantine(db: Database.Database, clock: Clock): QuarantineStore {
  const insert = db.prepare(
    `INSERT INTO quarantine (source, reason, raw_body, raw_bytes, received_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const list = db.prepare<[number], QuarantineEntry>(
    `SELECT id, source, reason, raw_body AS rawBody, received_at AS receivedAt
     FROM quarantine ORDER BY id DESC LIMIT ?`,
  );

  return {
    quarantine(entry) {
      const rawBytes = Buffer.byteLength(entry.rawBody);
      const kept = truncateUtf8(entry.rawBody, QUARANTINE_MAX_BODY_BYTES);
      const reason =
        kept.length < entry.rawBody.length
          ? `${entry.reason} (body truncated from ${rawBytes} to ${Buffer.byteLength(kept)} bytes)`
          : entry.reason;

      const receivedAt = isoAt(clock.now());
      const run = () => insert.run(entry.source, reason, kept, rawBytes, receivedAt);
      return Number(writeOrDiskFull(run).lastInsertRowid);
    },
    listQuarantine: (limit = DEFAULT_LIST_LIMIT) => list.all(limit),
  };
}

/** At most `maxBytes` of UTF-8, cut at a character boundary so the text stays valid. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;

  let end = maxBytes;
  // A byte 10xxxxxx continues a character; back up to where one starts.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}
