import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { OperatorAccess } from '../operators/operator-access.js';
import { parseRequestInput } from './request-input.js';
import { operatorOf } from './route-access.js';

const loginBody = z.object({
  username: z.string().min(1, { error: 'is required' }).max(200),
  password: z.string().min(1, { error: 'is required' }).max(1024),
});

/**
 * `POST /api/login` (public) answers `{ token, username, role, expiresAt }`;
 * `POST /api/logout` ends the session of the token sent (204);
 * `GET /api/session` tells the console who it is logged in as.
 */
export function loginRoutes(access: OperatorAccess): FastifyPluginAsync {
  return async (app) => {
    app.post('/login', { config: { operatorAccess: 'public' } }, async (request) => {
      const { username, password } = parseRequestInput(loginBody, request.body, 'login');
      const grant = await access.sessions.login(username, password, request.id);

      request.log.info({ username: grant.username, role: grant.role }, 'operator logged in');
      return grant;
    });

    app.post('/logout', async (request, reply) => {
      const principal = operatorOf(request);
      access.sessions.logout(request.sessionToken ?? '', principal, request.id);

      request.log.info({ username: principal.username }, 'operator logged out');
      return reply.code(204).send();
    });

    app.get('/session', async (request) => operatorOf(request));
  };
}
