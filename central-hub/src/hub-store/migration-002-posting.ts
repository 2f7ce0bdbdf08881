import type { HubMigration } from './migrations.js';

/**
 * ERP posting batches, their members, and dead letters (central-hub/src/posting).
 *
 * `events.posting_state` moves: unposted -> batched -> posted, or batched ->
 * dead_letter -> batched (replay) | discarded; events that are never posted
 * (heartbeats) become not_postable. A batch's members are written in the same
 * transaction as the batch and are never changed afterwards: a refused batch is
 * closed as `split` and its documents go on in new batches with new ids.
 */
const POSTING_SCHEMA = `
  CREATE TABLE posting_batches (
    -- also the ERP idempotency key of every send of this batch
    batch_id TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('sales', 'inventory', 'day_close')),
    business_date TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size > 0),
    state TEXT NOT NULL DEFAULT 'ready'
      CHECK (state IN ('ready', 'sending', 'posted', 'split', 'dead_letter')),
    -- how the batch came to be: cut from new events, split from a refused batch, replayed
    origin TEXT NOT NULL CHECK (origin IN ('ingest', 'split', 'replay')),
    parent_batch_id TEXT REFERENCES posting_batches (batch_id),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error_code TEXT,
    last_error TEXT,
    erp_reference TEXT,
    -- 1 when the ERP answered from its idempotency store (an earlier send had posted it)
    erp_replayed INTEGER NOT NULL DEFAULT 0,
    -- hub receipt of the batch's oldest member: posting latency is measured from here
    oldest_received_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_sent_at TEXT,
    posted_at TEXT
  ) STRICT;
  CREATE INDEX posting_batches_ready
    ON posting_batches (kind, store_id, next_attempt_at) WHERE state = 'ready';
  CREATE INDEX posting_batches_by_state ON posting_batches (state, kind);

  CREATE TABLE posting_batch_members (
    batch_id TEXT NOT NULL REFERENCES posting_batches (batch_id),
    position INTEGER NOT NULL,
    event_id TEXT NOT NULL REFERENCES events (event_id),
    PRIMARY KEY (batch_id, position)
  ) STRICT;
  CREATE INDEX posting_batch_members_by_event ON posting_batch_members (event_id);

  CREATE TABLE dead_letters (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events (event_id),
    store_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    document_id TEXT NOT NULL,
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    batch_id TEXT NOT NULL REFERENCES posting_batches (batch_id),
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'replayed', 'discarded')),
    created_at TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT,
    resolution TEXT
  ) STRICT;
  CREATE INDEX dead_letters_by_state ON dead_letters (state, store_id, id);
  CREATE UNIQUE INDEX dead_letters_one_open_per_event ON dead_letters (event_id)
    WHERE state = 'open';

  -- queue depth and oldest age per kind without reading posted history
  CREATE INDEX events_posting_pending ON events (kind, received_at)
    WHERE posting_state IN ('unposted', 'batched');
`;

export const POSTING_MIGRATION: HubMigration = {
  version: 2,
  name: 'posting batches and dead letters',
  sql: POSTING_SCHEMA,
};
