import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { PostingOverview } from '../posting/posting-overview.js';
import { requirePipeline } from './posting-unavailable.js';
import { parseRequestInput } from './request-input.js';

const postingsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(20),
});

/** `GET /api/postings?limit=`: `{ summary, recentBatches }` of the ERP posting pipeline. */
export function postingRoutes(overview: PostingOverview | undefined): FastifyPluginAsync {
  return async (app) => {
    app.get('/postings', async (request) => {
      const pipeline = requirePipeline(overview);
      const { limit } = parseRequestInput(postingsQuery, request.query, 'query');
      return { summary: pipeline.summary(), recentBatches: pipeline.recentBatches(limit) };
    });
  };
}
