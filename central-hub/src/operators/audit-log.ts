import type Database from 'better-sqlite3';

/** What the audit log records. New actions are added here, never renamed. */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'operator.save',
  'operator.disable',
  'dead_letter.replay',
  'dead_letter.discard',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** `ok`: done; `refused`: not allowed (role, lockout); `failed`: tried and it broke. */
export type AuditOutcome = 'ok' | 'refused' | 'failed';

/** One thing an operator did or tried. */
export interface AuditEntry {
  /** Who acted; for `login_failed` the username tried; null for the CLI. */
  username: string | null;
  action: AuditAction;
  outcome: AuditOutcome;
  /** What was acted on, e.g. dead letter ids. */
  targetIds: Array<string | number>;
  reason: string | null;
  requestId: string | null;
  /** The result or the error, as JSON-ready data. */
  detail: Record<string, unknown> | null;
}

/** A recorded entry, with its id (increasing) and time. */
export interface AuditRecord extends AuditEntry {
  id: number;
  at: string;
}

/** Which entries to read: newest first, at most `limit`, older than `beforeId` to page. */
export interface AuditQuery {
  limit: number;
  action?: AuditAction;
  beforeId?: number;
}

interface AuditRow {
  id: number;
  at: string;
  username: string | null;
  action: AuditAction;
  outcome: AuditOutcome;
  target_ids: string;
  reason: string | null;
  request_id: string | null;
  detail: string | null;
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: row.id,
    at: row.at,
    username: row.username,
    action: row.action,
    outcome: row.outcome,
    targetIds: JSON.parse(row.target_ids),
    reason: row.reason,
    requestId: row.request_id,
    detail: row.detail === null ? null : JSON.parse(row.detail),
  };
}

/** The append-only `audit_log` table (the migration's triggers refuse edits). */
export class AuditLog {
  private readonly insertStmt: Database.Statement;
  private readonly listStmt: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.insertStmt = db.prepare(`
      INSERT INTO audit_log (at, username, action, outcome, target_ids, reason, request_id, detail)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    // One statement for every filter: NULL parameters switch a condition off.
    this.listStmt = db.prepare(`
      SELECT * FROM audit_log
      WHERE (@action IS NULL OR action = @action) AND (@beforeId IS NULL OR id < @beforeId)
      ORDER BY id DESC LIMIT @limit`);
  }

  /** Appends an entry stamped with the current time; returns its id. */
  record(entry: AuditEntry): number {
    const detail = entry.detail === null ? null : JSON.stringify(entry.detail);
    const result = this.insertStmt.run(
      this.now().toISOString(),
      entry.username,
      entry.action,
      entry.outcome,
      JSON.stringify(entry.targetIds),
      entry.reason,
      entry.requestId,
      detail,
    );
    return Number(result.lastInsertRowid);
  }

  /** Newest first. */
  list(query: AuditQuery): AuditRecord[] {
    const rows = this.listStmt.all({
      action: query.action ?? null,
      beforeId: query.beforeId ?? null,
      limit: query.limit,
    }) as AuditRow[];
    return rows.map(toRecord);
  }
}
