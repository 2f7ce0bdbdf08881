export {
  type AddOperatorOptions,
  addOperator,
  disableOperator,
  MIN_OPERATOR_PASSWORD_LENGTH,
  type OperatorCredentials,
} from './add-operator.js';
export {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntry,
  AuditLog,
  type AuditOutcome,
  type AuditQuery,
  type AuditRecord,
} from './audit-log.js';
export {
  LoginLockedError,
  LoginRefusedError,
  OperatorForbiddenError,
  SessionRequiredError,
} from './errors.js';
export {
  DEFAULT_LOGIN_THROTTLE,
  LoginThrottle,
  type LoginThrottlePolicy,
} from './login-throttle.js';
export {
  createOperatorAccess,
  type OperatorAccess,
  type OperatorAccessOptions,
  SESSION_TTL_MS,
} from './operator-access.js';
export { isOperatorRole, OPERATOR_ROLES, type OperatorRole, roleAllows } from './operator-role.js';
export { type LoginGrant, OperatorSessions } from './operator-sessions.js';
export { type OperatorAccount, OperatorTable } from './operator-table.js';
export { type OperatorPrincipal, SessionTable } from './session-table.js';
