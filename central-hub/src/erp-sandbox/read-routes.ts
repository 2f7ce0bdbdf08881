import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withFaults } from './fault-guard.js';
import type { SandboxState } from './sandbox-state.js';

const MAX_SKUS_PER_READ = 1000;

type Query = { storeId?: string; skus?: string };

function storeRequired(reply: FastifyReply) {
  return reply.code(400).send({
    code: 'VALIDATION_FAILED',
    message: 'the query must name a store: on-hand is kept per store',
    errors: [{ path: 'storeId', message: 'is required, e.g. ?storeId=S001' }],
  });
}

/** `GET /api/items/:sku/on-hand?storeId=S001` -> `{ sku, storeId, onHand }`. */
function onHandOfOne(state: SandboxState) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const { sku } = request.params as { sku: string };
    const { storeId } = request.query as Query;
    if (!storeId) return storeRequired(reply);

    const onHand = state.books.stock.onHand(storeId, sku);
    if (onHand === undefined) {
      const message = `SKU "${sku}" is not known to the ERP`;
      return reply.code(404).send({ code: 'UNKNOWN_SKU', message });
    }
    return { sku, storeId, onHand };
  };
}

/** `GET /api/on-hand?storeId=S001&skus=A,B` -> `{ storeId, items, unknownSkus }`. */
function onHandOfMany(state: SandboxState) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const { storeId, skus } = request.query as Query;
    if (!storeId) return storeRequired(reply);

    const wanted = [...new Set((skus ?? '').split(',').map((s) => s.trim()))].filter(Boolean);
    if (wanted.length > MAX_SKUS_PER_READ) {
      const message = `ask for at most ${MAX_SKUS_PER_READ} SKUs at a time`;
      return reply.code(400).send({ code: 'VALIDATION_FAILED', message, errors: [] });
    }

    const items: { sku: string; onHand: number }[] = [];
    const unknownSkus: string[] = [];
    for (const sku of wanted) {
      const onHand = state.books.stock.onHand(storeId, sku);
      if (onHand === undefined) unknownSkus.push(sku);
      else items.push({ sku, onHand });
    }
    return { storeId, items, unknownSkus };
  };
}

/** Reads for inventory and price book work, behind the same faults as posts. */
export function registerReadRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get('/api/items/:sku/on-hand', withFaults(state, onHandOfOne(state)));
  app.get('/api/on-hand', withFaults(state, onHandOfMany(state)));
  app.get(
    '/api/prices',
    withFaults(state, () => state.books.catalog.priceList()),
  );
}
