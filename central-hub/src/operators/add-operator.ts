import { StoresyncError } from '@storesync/protocol';
import { generatePassword, hashPassword } from '../credentials/passwords.js';
import { type HubStore, openHubStore } from '../hub-store/hub-store.js';
import { AuditLog } from './audit-log.js';
import { isOperatorRole, type OperatorRole } from './operator-role.js';
import { OperatorTable } from './operator-table.js';
import { SessionTable } from './session-table.js';
import { normalizeUsername, usernameProblem } from './username-rule.js';

/** Shortest password an operator may choose; generated ones have 32 characters. */
export const MIN_OPERATOR_PASSWORD_LENGTH = 12;

/** What `storesync hub add-operator` prints: the password is shown this once only. */
export interface OperatorCredentials {
  username: string;
  role: OperatorRole;
  password: string;
}

export interface AddOperatorOptions {
  /** Default: the operator's current role, `operator` for a new one. */
  role?: OperatorRole;
  /** Default: a generated one. */
  password?: string;
}

function invalid(path: string, problem: string): StoresyncError {
  return new StoresyncError('VALIDATION_FAILED', `${path}: ${problem}`, {
    errors: [{ path, message: problem }],
  });
}

function checkInput(username: string, options: AddOperatorOptions): void {
  const problem = usernameProblem(username);
  if (problem !== null) throw invalid('username', problem);
  if (options.role !== undefined && !isOperatorRole(options.role)) {
    throw invalid('role', 'must be operator or viewer');
  }
  const { password } = options;
  if (password !== undefined && password.length < MIN_OPERATOR_PASSWORD_LENGTH) {
    throw invalid('password', `must have at least ${MIN_OPERATOR_PASSWORD_LENGTH} characters`);
  }
}

function withHubDb<T>(dataDir: string, work: (store: HubStore) => T): T {
  const store = openHubStore(dataDir);
  try {
    return work(store);
  } finally {
    store.close();
  }
}

/**
 * Adds a console operator to `${dataDir}/hub.db`, or gives an existing one a
 * new password (and role, when one is given) and enables it again; either way
 * their open sessions end. Only the scrypt hash is kept. Works while the hub
 * runs. The username is stored in lower case.
 */
export function addOperator(
  dataDir: string,
  typedUsername: string,
  options: AddOperatorOptions = {},
): OperatorCredentials {
  const username = normalizeUsername(typedUsername);
  checkInput(username, options);
  const password = options.password ?? generatePassword();
  const passwordHash = hashPassword(password);

  return withHubDb(dataDir, (store) =>
    store.transaction(() => {
      const accounts = new OperatorTable(store.db);
      const existing = accounts.get(username);
      const role = options.role ?? existing?.role ?? 'operator';
      accounts.save(username, passwordHash, role, new Date().toISOString());
      new SessionTable(store.db).revokeAll(username);
      new AuditLog(store.db).record({
        username: null,
        action: 'operator.save',
        outcome: 'ok',
        targetIds: [username],
        reason: null,
        requestId: null,
        detail: { role, created: existing === null, via: 'cli' },
      });
      return { username, role, password };
    }),
  );
}

/** Stops an operator from logging in and ends their sessions; false when not enabled. */
export function disableOperator(dataDir: string, typedUsername: string): boolean {
  const username = normalizeUsername(typedUsername);

  return withHubDb(dataDir, (store) =>
    store.transaction(() => {
      const disabled = new OperatorTable(store.db).disable(username, new Date().toISOString());
      if (!disabled) return false;

      new SessionTable(store.db).revokeAll(username);
      new AuditLog(store.db).record({
        username: null,
        action: 'operator.disable',
        outcome: 'ok',
        targetIds: [username],
        reason: null,
        requestId: null,
        detail: { via: 'cli' },
      });
      return true;
    }),
  );
}
