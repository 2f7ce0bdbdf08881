import type Database from 'better-sqlite3';
import { businessDateOf } from '../erp/document-mapping.js';
import type { HubStore } from '../hub-store/hub-store.js';
import type { PostingBatchTable } from './batch-table.js';
import { MAX_DOCUMENTS_PER_REQUEST, type PostingKind, postingKindOf } from './posting-kind.js';

/** An unposted event as the cutter reads it. */
interface UnpostedEvent {
  rowid: number;
  event_id: string;
  store_id: string;
  kind: string;
  occurred_at: string;
  received_at: string;
  /** Read only for day closes, whose business date is in the body. */
  envelope: string | null;
}

/** Unposted events of one store, kind and business date, oldest first. */
interface Group {
  storeId: string;
  kind: PostingKind;
  businessDate: string;
  events: UnpostedEvent[];
}

/** What one cutting pass did. */
export interface CutResult {
  batches: number;
  events: number;
  /** Events the ERP never sees (heartbeats), marked not_postable. */
  skipped: number;
}

/** When a group of events closes into a batch, and how much one pass reads. */
export interface CutRules {
  batchSize: number;
  batchWindowMs: number;
  chunk: number;
}

/** The business date in a day close's body; null when it cannot be read. */
function closedDateOf(envelope: string): string | null {
  try {
    const date = (JSON.parse(envelope) as { body?: { businessDate?: unknown } }).body?.businessDate;
    return typeof date === 'string' ? date : null;
  } catch {
    return null;
  }
}

/** A day close counts for the day it closes; everything else for the UTC date it happened. */
function businessDateOfEvent(event: UnpostedEvent, kind: PostingKind): string {
  const closed =
    kind === 'day_close' && event.envelope !== null ? closedDateOf(event.envelope) : null;
  return closed ?? businessDateOf(event.occurred_at);
}

/**
 * Cuts unposted events into posting batches by store, kind and business date:
 * a batch closes at `batchSize` events, or once its oldest event has waited
 * `batchWindowMs` at the hub. Each pass reads one chunk of events after a
 * cursor, so leftovers that are not due yet cannot hide newer events; the
 * cursor starts over once it reaches the end. Each pass is one transaction:
 * a batch and its members are written down together, before any send.
 */
export class BatchCutter {
  private cursor = 0;
  /**
   * After a pass that read every unposted event: the newest event it saw and
   * when its first leftover falls due. Until either changes there is nothing
   * to cut, and the pass is skipped instead of re-reading the leftovers.
   */
  private idle: { lastRowid: number; dueAtMs: number } | null = null;
  private readonly readStmt: Database.Statement;
  private readonly skipStmt: Database.Statement;
  private readonly lastRowidStmt: Database.Statement;

  constructor(
    private readonly store: HubStore,
    private readonly batches: PostingBatchTable,
    private readonly rules: CutRules,
  ) {
    this.readStmt = store.db.prepare(`
      SELECT rowid, event_id, store_id, kind, occurred_at, received_at,
        CASE WHEN kind = 'day_close' THEN envelope END AS envelope
      FROM events WHERE posting_state = 'unposted' AND rowid > ? ORDER BY rowid LIMIT ?`);
    this.skipStmt = store.db.prepare(
      "UPDATE events SET posting_state = 'not_postable' WHERE event_id = ?",
    );
    this.lastRowidStmt = store.db.prepare('SELECT MAX(rowid) FROM events').pluck();
  }

  /** One pass over the next chunk; `now` decides which partial batches are due. */
  cut(now: Date): CutResult {
    if (this.nothingNew(now)) return { batches: 0, events: 0, skipped: 0 };

    const fromStart = this.cursor === 0;
    const events = this.readStmt.all(this.cursor, this.rules.chunk) as UnpostedEvent[];
    const last = events.at(-1);
    const complete = events.length < this.rules.chunk || last === undefined;
    this.cursor = complete ? 0 : last.rowid;
    if (events.length === 0) {
      this.idle = { lastRowid: this.lastRowid(), dueAtMs: Number.POSITIVE_INFINITY };
      return { batches: 0, events: 0, skipped: 0 };
    }

    const pass = this.store.transaction(() => this.write(events, now));
    this.idle =
      fromStart && complete ? { lastRowid: this.lastRowid(), dueAtMs: pass.dueAtMs } : null;
    return pass.result;
  }

  private nothingNew(now: Date): boolean {
    if (this.idle === null) return false;
    return now.getTime() < this.idle.dueAtMs && this.lastRowid() <= this.idle.lastRowid;
  }

  private lastRowid(): number {
    return (this.lastRowidStmt.get() as number | null) ?? 0;
  }

  private write(events: UnpostedEvent[], now: Date): { result: CutResult; dueAtMs: number } {
    const result: CutResult = { batches: 0, events: 0, skipped: 0 };
    const groups = this.group(events, result);

    const dueBefore = new Date(now.getTime() - this.rules.batchWindowMs).toISOString();
    let dueAtMs = Number.POSITIVE_INFINITY;
    for (const group of groups) {
      const leftoverSince = this.cutGroup(group, dueBefore, now, result);
      if (leftoverSince !== null) {
        dueAtMs = Math.min(dueAtMs, Date.parse(leftoverSince) + this.rules.batchWindowMs);
      }
    }
    return { result, dueAtMs };
  }

  /** Groups postable events, oldest first; marks the others not_postable. */
  private group(events: UnpostedEvent[], result: CutResult): Group[] {
    const groups = new Map<string, Group>();
    for (const event of events) {
      const kind = postingKindOf(event.kind);
      if (kind === null) {
        this.skipStmt.run(event.event_id);
        result.skipped += 1;
        continue;
      }
      const businessDate = businessDateOfEvent(event, kind);
      const key = `${event.store_id}\u0000${kind}\u0000${businessDate}`;
      const group = groups.get(key) ?? { storeId: event.store_id, kind, businessDate, events: [] };
      group.events.push(event);
      groups.set(key, group);
    }
    return [...groups.values()];
  }

  /** Cuts what is full or due; returns the oldest receipt of a leftover, or null. */
  private cutGroup(group: Group, dueBefore: string, now: Date, result: CutResult): string | null {
    const size = Math.min(this.rules.batchSize, MAX_DOCUMENTS_PER_REQUEST[group.kind]);
    for (let start = 0; start < group.events.length; start += size) {
      const members = group.events.slice(start, start + size);
      const oldest = members.map((e) => e.received_at).sort()[0] as string;
      if (members.length < size && oldest > dueBefore) return oldest;

      this.batches.insert(
        {
          storeId: group.storeId,
          kind: group.kind,
          businessDate: group.businessDate,
          origin: 'ingest',
          parentBatchId: null,
          eventIds: members.map((e) => e.event_id),
          oldestReceivedAt: oldest,
        },
        now.toISOString(),
      );
      result.batches += 1;
      result.events += members.length;
    }
    return null;
  }
}
