import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../operators/audit-log.js';
import type { OperatorAccess } from '../operators/operator-access.js';
import { parseRequestInput } from './request-input.js';

const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** Paging: entries older than this id. */
  before: z.coerce.number().int().positive().optional(),
});

/** `GET /api/audit?limit=&action=&before=`: `{ entries }`, newest first, for any role. */
export function auditRoutes(access: OperatorAccess): FastifyPluginAsync {
  return async (app) => {
    app.get('/audit', async (request) => {
      const query = parseRequestInput(auditQuery, request.query, 'query');
      const entries = access.audit.list({
        limit: query.limit,
        action: query.action,
        beforeId: query.before,
      });
      return { entries };
    });
  };
}
