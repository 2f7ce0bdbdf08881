import type { ErpAdapter, ErpPostingResult } from '@storesync/central-hub';

/** One posting call as the pipeline made it. */
export interface AdapterCall {
  operation: 'postSales' | 'postInventoryMovements' | 'postDayCloses';
  idempotencyKey: string;
  storeId: string;
  /** transactionId / adjustmentId / businessDate of each document, in order. */
  documentIds: string[];
  startedAt: number;
  /** Set when the call settled: the outcome, or the error code. */
  outcome?: string;
  settledAt?: number;
}

type Hook = (call: AdapterCall) => void | Promise<void>;

/**
 * Wraps a real adapter and records every posting call; `beforeSend` runs
 * before the request goes out, which lets a test look at hub.db at that moment.
 */
export function recordingAdapter(
  inner: ErpAdapter,
  calls: AdapterCall[],
  beforeSend: Hook = () => {},
): ErpAdapter & { beforeSend: Hook } {
  const wrapper = {
    beforeSend,
    async track(call: AdapterCall, send: () => Promise<ErpPostingResult>) {
      calls.push(call);
      await wrapper.beforeSend(call);
      call.startedAt = Date.now();
      try {
        const result = await send();
        call.outcome = result.replayed ? 'replayed' : 'posted';
        return result;
      } catch (err) {
        call.outcome = (err as { code?: string }).code ?? 'error';
        throw err;
      } finally {
        call.settledAt = Date.now();
      }
    },
  };
  return {
    get beforeSend() {
      return wrapper.beforeSend;
    },
    set beforeSend(hook: Hook) {
      wrapper.beforeSend = hook;
    },
    postSales: (batch, key) =>
      wrapper.track(
        {
          operation: 'postSales',
          idempotencyKey: key,
          storeId: batch.storeId,
          documentIds: batch.transactions.map((t) => t.transactionId),
          startedAt: Date.now(),
        },
        () => inner.postSales(batch, key),
      ),
    postInventoryMovements: (batch, key) =>
      wrapper.track(
        {
          operation: 'postInventoryMovements',
          idempotencyKey: key,
          storeId: batch.storeId,
          documentIds: batch.adjustments.map((a) => a.adjustmentId),
          startedAt: Date.now(),
        },
        () => inner.postInventoryMovements(batch, key),
      ),
    postDayCloses: (batch, key) =>
      wrapper.track(
        {
          operation: 'postDayCloses',
          idempotencyKey: key,
          storeId: batch.storeId,
          documentIds: batch.closes.map((c) => c.businessDate),
          startedAt: Date.now(),
        },
        () => inner.postDayCloses(batch, key),
      ),
    fetchOnHand: (storeId, skus) => inner.fetchOnHand(storeId, skus),
    fetchPrices: () => inner.fetchPrices(),
  };
}
