import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { AuditAction } from '../operators/audit-log.js';
import { OperatorForbiddenError, SessionRequiredError } from '../operators/errors.js';
import type { OperatorAccess } from '../operators/operator-access.js';
import { type OperatorRole, roleAllows } from '../operators/operator-role.js';
import type { OperatorPrincipal } from '../operators/session-table.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call a hub API route: `public` (login only) or the least role; default viewer. */
    operatorAccess?: 'public' | OperatorRole;
    /** What a refused call of the route is recorded as in the audit log. */
    auditAction?: AuditAction;
  }

  interface FastifyRequest {
    /** The logged-in operator of an /api request; null before the session check. */
    operator: OperatorPrincipal | null;
    /** The bearer token the operator sent; logout ends its session. */
    sessionToken: string | null;
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;

  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

function auditRefusal(
  access: OperatorAccess,
  request: FastifyRequest,
  principal: OperatorPrincipal,
) {
  const action = request.routeOptions.config.auditAction;
  if (action === undefined) return;

  access.audit.record({
    username: principal.username,
    action,
    outcome: 'refused',
    targetIds: [],
    reason: null,
    requestId: request.id,
    detail: { role: principal.role },
  });
}

/**
 * Makes every route of `app`'s scope need a live session (401) and, where the
 * route says so, the operator role (403, audited). Routes opt out with
 * `config: { operatorAccess: 'public' }`.
 */
export function requireOperatorSessions(app: FastifyInstance, access: OperatorAccess): void {
  app.decorateRequest('operator', null);
  app.decorateRequest('sessionToken', null);

  const check: onRequestAsyncHookHandler = async (request) => {
    const required = request.routeOptions.config?.operatorAccess ?? 'viewer';
    if (required === 'public') return;

    const token = bearerToken(request.headers.authorization);
    const principal = access.sessions.authenticate(token);
    if (principal === null) throw new SessionRequiredError();

    request.operator = principal;
    request.sessionToken = token;
    if (roleAllows(principal.role, required)) return;
    auditRefusal(access, request, principal);
    throw new OperatorForbiddenError(principal.username, principal.role, required);
  };
  app.addHook('onRequest', check);
}

/** The operator of a request that passed the session check. */
export function operatorOf(request: FastifyRequest): OperatorPrincipal {
  if (request.operator === null) throw new SessionRequiredError();
  return request.operator;
}
