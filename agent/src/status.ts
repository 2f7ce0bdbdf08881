import type { EventClass, ReviewFlag } from '@storesync/protocol';
import type { ClassBacklog, QuarantineEntry, RejectedEvent, StoreDb } from '@storesync/store-db';
import type { AgentLink } from './link-contract.js';
import { quarantineCount } from './quarantine-count.js';
import { AGENT_VERSION } from './version.js';

/** How many problems, review items and quarantine entries the status lists. */
const LIST_LIMIT = 50;
const QUARANTINE_LATEST = 10;
/** Raw bodies can be a megabyte; the status shows their start only. */
const RAW_BODY_PREVIEW_CHARS = 2000;

/** `GET /v1/status`: what a store manager or the tray app needs to see at a glance. */
export interface AgentStatus {
  storeId: string;
  online: boolean;
  lastAckAt: string | null;
  priceBookVersion: number | null;
  outbox: Record<EventClass, ClassBacklog>;
  problems: RejectedEvent[];
  review: Array<{ transactionId: string; flags: ReviewFlag[]; at: string }>;
  quarantine: { count: number; latest: QuarantineEntry[] };
  agentVersion: string;
  uptimeSeconds: number;
}

/** Where the status is read from. */
export interface StatusSources {
  storeId: string;
  db: StoreDb;
  link: AgentLink | null;
  startedAt: number;
  now?: () => number;
}

function preview(entry: QuarantineEntry): QuarantineEntry {
  if (entry.rawBody.length <= RAW_BODY_PREVIEW_CHARS) return entry;
  const rawBody = `${entry.rawBody.slice(0, RAW_BODY_PREVIEW_CHARS)}... [truncated]`;
  return { ...entry, rawBody };
}

/** Reads the store's state; with no hub link the store trades offline. */
export function readStatus(sources: StatusSources): AgentStatus {
  const { db, link } = sources;
  const now = sources.now ?? Date.now;
  const linkState = link?.state() ?? { online: false, lastAckAt: null };

  return {
    storeId: sources.storeId,
    online: linkState.online,
    lastAckAt: db.lastAckAt() ?? linkState.lastAckAt,
    priceBookVersion: db.priceBookVersion(),
    outbox: db.backlog(),
    problems: db.problems(LIST_LIMIT),
    review: db.reviewItems(LIST_LIMIT),
    quarantine: {
      count: quarantineCount(db),
      latest: db.listQuarantine(QUARANTINE_LATEST).map(preview),
    },
    agentVersion: AGENT_VERSION,
    uptimeSeconds: Math.floor((now() - sources.startedAt) / 1000),
  };
}
