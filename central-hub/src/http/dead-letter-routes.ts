import { StoresyncError } from '@storesync/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { OperatorAccess } from '../operators/operator-access.js';
import type { DeadLetterService } from '../posting/dead-letter-service.js';
import { auditedResolution } from './audited-resolution.js';
import { requirePipeline } from './posting-unavailable.js';
import { parseRequestInput } from './request-input.js';

/** Most dead letters one request lists or resolves. */
export const MAX_DEAD_LETTER_IDS = 1000;

const listQuery = z.object({
  state: z.enum(['open', 'replayed', 'discarded']).optional(),
  storeId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_DEAD_LETTER_IDS).default(100),
});

const idParams = z.object({
  id: z.coerce.number({ error: 'must be a dead letter id' }).int().positive(),
});

const ids = z
  .array(z.number().int().positive(), { error: 'must be an array of dead letter ids' })
  .min(1, { error: 'must name at least one dead letter' })
  .max(MAX_DEAD_LETTER_IDS, { error: `must name at most ${MAX_DEAD_LETTER_IDS} dead letters` })
  .transform((list) => [...new Set(list)]);

const replayBody = z.object({ ids });

const discardBody = z.object({
  ids,
  reason: z
    .string({ error: 'is required: say why these postings are given up' })
    .trim()
    .min(3, { error: 'must have at least 3 characters: say why these postings are given up' })
    .max(1000),
});

/**
 * Dead letters of ERP posting. Reading needs any role; `replay` and `discard`
 * need the operator role and are audited, with `discard` requiring a reason.
 */
export function deadLetterRoutes(
  access: OperatorAccess,
  service: DeadLetterService | undefined,
): FastifyPluginAsync {
  return async (app) => {
    app.get('/dead-letters', async (request) => {
      const pipeline = requirePipeline(service);
      const filter = parseRequestInput(listQuery, request.query, 'query');
      return { deadLetters: pipeline.list(filter) };
    });

    app.get('/dead-letters/:id', async (request) => {
      const pipeline = requirePipeline(service);
      const { id } = parseRequestInput(idParams, request.params, 'path');
      const found = pipeline.get(id);
      if (found !== null) return found;
      throw new StoresyncError('NOT_FOUND', `there is no dead letter ${id}`, { id });
    });

    const replay = { operatorAccess: 'operator', auditAction: 'dead_letter.replay' } as const;
    app.post('/dead-letters/replay', { config: replay }, async (request) => {
      const pipeline = requirePipeline(service);
      const body = parseRequestInput(replayBody, request.body, 'replay request');
      return auditedResolution(access.audit, request, {
        action: 'dead_letter.replay',
        ids: body.ids,
        reason: null,
        run: (operator) => pipeline.replay(body.ids, operator),
      });
    });

    const discard = { operatorAccess: 'operator', auditAction: 'dead_letter.discard' } as const;
    app.post('/dead-letters/discard', { config: discard }, async (request) => {
      const pipeline = requirePipeline(service);
      const body = parseRequestInput(discardBody, request.body, 'discard request');
      return auditedResolution(access.audit, request, {
        action: 'dead_letter.discard',
        ids: body.ids,
        reason: body.reason,
        run: (operator) => pipeline.discard(body.ids, operator, body.reason),
      });
    });
  };
}
