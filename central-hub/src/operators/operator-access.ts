import type Database from 'better-sqlite3';
import { AuditLog } from './audit-log.js';
import {
  DEFAULT_LOGIN_THROTTLE,
  LoginThrottle,
  type LoginThrottlePolicy,
} from './login-throttle.js';
import { OperatorSessions } from './operator-sessions.js';
import { OperatorTable } from './operator-table.js';
import { SessionTable } from './session-table.js';

/** How long a console session lasts from its login. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface OperatorAccessOptions {
  /** The clock of sessions and audit entries; tests move it to expire sessions. */
  now?: () => Date;
  sessionTtlMs?: number;
  throttle?: LoginThrottlePolicy;
}

/** Everything the hub's API needs to know who is asking and to record what they did. */
export interface OperatorAccess {
  accounts: OperatorTable;
  sessions: OperatorSessions;
  audit: AuditLog;
  now: () => Date;
}

/** Operator access on an open hub.db connection (the migration has created the tables). */
export function createOperatorAccess(
  db: Database.Database,
  options: OperatorAccessOptions = {},
): OperatorAccess {
  const now = options.now ?? (() => new Date());
  const accounts = new OperatorTable(db);
  const audit = new AuditLog(db, now);

  const sessions = new OperatorSessions({
    accounts,
    sessions: new SessionTable(db),
    audit,
    throttle: new LoginThrottle(options.throttle ?? DEFAULT_LOGIN_THROTTLE),
    now,
    sessionTtlMs: options.sessionTtlMs ?? SESSION_TTL_MS,
    transact: (work) => db.transaction(work).immediate(),
  });
  return { accounts, sessions, audit, now };
}
