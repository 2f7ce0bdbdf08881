import type Database from 'better-sqlite3';
import { POSTING_KINDS, type PostingKind, postingKindOf } from './posting-kind.js';

/** Events accepted by the hub and not yet posted (nor dead-lettered), by posting kind. */
export interface PendingEvents {
  depthByKind: Record<PostingKind, number>;
  /** Hub receipt of the oldest of them; null when none waits. */
  oldestReceivedAt: string | null;
}

/**
 * Reads the posting backlog from hub.db through its partial index, whose size
 * is the backlog, not the history (about 12 ms for 100,000 waiting events).
 * An answer younger than `maxAgeMs` is reused: one scrape reads it twice.
 */
export function createPendingReader(db: Database.Database, maxAgeMs = 500): () => PendingEvents {
  const stmt = db.prepare(`
    SELECT kind, COUNT(*) AS depth, MIN(received_at) AS oldest FROM events
    WHERE posting_state IN ('unposted', 'batched') GROUP BY kind`);
  let last: { atMs: number; value: PendingEvents } | null = null;

  const read = (): PendingEvents => {
    const depthByKind = Object.fromEntries(POSTING_KINDS.map((k) => [k, 0])) as Record<
      PostingKind,
      number
    >;
    let oldestReceivedAt: string | null = null;
    const rows = stmt.all() as Array<{ kind: string; depth: number; oldest: string }>;
    for (const row of rows) {
      const kind = postingKindOf(row.kind);
      if (kind === null) continue;

      depthByKind[kind] += row.depth;
      if (oldestReceivedAt === null || row.oldest < oldestReceivedAt) oldestReceivedAt = row.oldest;
    }
    return { depthByKind, oldestReceivedAt };
  };
  return () => {
    const nowMs = Date.now();
    if (last === null || nowMs - last.atMs >= maxAgeMs) last = { atMs: nowMs, value: read() };
    return last.value;
  };
}
