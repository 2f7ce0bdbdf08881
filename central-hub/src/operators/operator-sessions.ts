import { UNKNOWN_USER_HASH, verifyPassword } from '../credentials/passwords.js';
import type { AuditLog } from './audit-log.js';
import { LoginLockedError, LoginRefusedError } from './errors.js';
import type { LoginThrottle } from './login-throttle.js';
import type { OperatorRole } from './operator-role.js';
import type { OperatorAccount, OperatorTable } from './operator-table.js';
import type { OperatorPrincipal, SessionTable } from './session-table.js';
import { newSessionToken, sessionTokenHash } from './session-token.js';
import { normalizeUsername } from './username-rule.js';

/** What a successful login hands back; the token is shown once and never stored. */
export interface LoginGrant {
  token: string;
  username: string;
  role: OperatorRole;
  expiresAt: string;
}

/** The parts a session service works with; `transact` runs writes as one transaction. */
export interface OperatorSessionsDeps {
  accounts: OperatorTable;
  sessions: SessionTable;
  audit: AuditLog;
  throttle: LoginThrottle;
  now: () => Date;
  sessionTtlMs: number;
  transact: <T>(work: () => T) => T;
}

/** Why a login failed, for the audit log only; the caller is told nothing of it. */
function failureCause(account: OperatorAccount | null, matches: boolean): string {
  if (account === null) return 'unknown_username';
  if (!matches) return 'wrong_password';
  return 'disabled';
}

/**
 * Logins, logouts and token checks of console operators. A login costs one
 * scrypt check whether or not the username exists (a missing one is checked
 * against a dummy hash), so answer times do not reveal which operators exist.
 */
export class OperatorSessions {
  constructor(private readonly deps: OperatorSessionsDeps) {}

  /** Checks the password and opens a session; LoginRefusedError or LoginLockedError when not. */
  async login(typedUsername: string, password: string, requestId: string): Promise<LoginGrant> {
    const username = normalizeUsername(typedUsername);
    const startedAt = this.deps.now();
    this.refuseIfLocked(username, startedAt.getTime(), requestId);

    const account = this.deps.accounts.get(username);
    const hash = account?.passwordHash ?? UNKNOWN_USER_HASH;
    const matches = await verifyPassword(password, hash);
    if (account === null || !matches || account.disabledAt !== null) {
      this.deps.throttle.failed(username, startedAt.getTime());
      this.auditFailure(username, requestId, { cause: failureCause(account, matches) });
      throw new LoginRefusedError();
    }

    this.deps.throttle.succeeded(username);
    return this.openSession(account, startedAt, requestId);
  }

  /** The operator behind a token, or null for a missing, unknown, expired or revoked one. */
  authenticate(token: string | null): OperatorPrincipal | null {
    if (token === null || token === '') return null;
    return this.deps.sessions.findActive(sessionTokenHash(token), this.deps.now().toISOString());
  }

  /** Ends the session of `token`; later requests with it answer 401. */
  logout(token: string, principal: OperatorPrincipal, requestId: string): void {
    this.deps.transact(() => {
      this.deps.sessions.delete(sessionTokenHash(token));
      this.deps.audit.record({
        username: principal.username,
        action: 'logout',
        outcome: 'ok',
        targetIds: [],
        reason: null,
        requestId,
        detail: null,
      });
    });
  }

  private refuseIfLocked(username: string, nowMs: number, requestId: string): void {
    const waitMs = this.deps.throttle.waitMs(username, nowMs);
    if (waitMs === 0) return;

    const retryAfterSeconds = Math.ceil(waitMs / 1000);
    this.auditFailure(username, requestId, { cause: 'locked', retryAfterSeconds });
    throw new LoginLockedError(retryAfterSeconds);
  }

  private auditFailure(username: string, requestId: string, detail: Record<string, unknown>) {
    this.deps.audit.record({
      username,
      action: 'login_failed',
      outcome: 'refused',
      targetIds: [],
      reason: null,
      requestId,
      detail,
    });
  }

  private openSession(account: OperatorAccount, at: Date, requestId: string): LoginGrant {
    const token = newSessionToken();
    const expiresAt = new Date(at.getTime() + this.deps.sessionTtlMs).toISOString();
    const { username, role } = account;

    this.deps.transact(() => {
      this.deps.sessions.deleteExpired(at.toISOString());
      this.deps.sessions.insert(sessionTokenHash(token), username, at.toISOString(), expiresAt);
      this.deps.audit.record({
        username,
        action: 'login',
        outcome: 'ok',
        targetIds: [],
        reason: null,
        requestId,
        detail: { role, expiresAt },
      });
    });
    return { token, username, role, expiresAt };
  }
}
