import type { FastifyPluginAsync } from 'fastify';
import { auditRoutes } from './audit-routes.js';
import { deadLetterRoutes } from './dead-letter-routes.js';
import type { HttpDeps } from './http-deps.js';
import { loginRoutes } from './login-routes.js';
import { postingRoutes } from './posting-routes.js';
import { rejectedRoutes } from './rejected-routes.js';
import { requireOperatorSessions } from './route-access.js';
import { storeRoutes } from './store-routes.js';

/**
 * Everything under `/api/`, in one encapsulated scope whose `onRequest` hook
 * needs an operator session on every route but `POST /api/login`. `/healthz`
 * and `/metrics` are outside this scope and stay open on purpose: load
 * balancers and Prometheus have no operator login, and neither shows
 * transaction data.
 */
export function apiRoutes(deps: HttpDeps): FastifyPluginAsync {
  return async (app) => {
    requireOperatorSessions(app, deps.operators);
    await app.register(loginRoutes(deps.operators));
    await app.register(storeRoutes(deps));
    await app.register(rejectedRoutes(deps));
    await app.register(auditRoutes(deps.operators));
    await app.register(deadLetterRoutes(deps.operators, deps.deadLetters));
    await app.register(postingRoutes(deps.postings));
  };
}
