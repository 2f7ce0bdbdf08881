import type {
  DeadLetterService,
  DeadLetterState,
  DeadLetterView,
} from '../../central-hub/src/posting/dead-letter-service.js';
import type { PostingOverview } from '../../central-hub/src/posting/posting-overview.js';

/** A dead letter of store S001 in the given state. */
export function deadLetter(id: number, state: DeadLetterState = 'open'): DeadLetterView {
  return {
    id,
    eventId: `evt-${id}`,
    storeId: id % 2 === 0 ? 'S002' : 'S001',
    kind: 'sale',
    documentId: `S001-R01-${String(id).padStart(6, '0')}`,
    code: 'UNKNOWN_SKU',
    reason: 'the ERP does not know SKU-9999',
    payload: { lines: [{ sku: 'SKU-9999', quantity: 1 }] },
    attempts: 3,
    batchId: `batch-${id}`,
    state,
    createdAt: '2026-11-27T14:10:00.000Z',
    resolvedAt: null,
    resolvedBy: null,
    resolution: null,
  };
}

/**
 * An in-memory dead letter service that records its calls; `failWith` makes
 * the next call throw.
 */
export class FakeDeadLetters implements DeadLetterService {
  readonly calls: Array<{ method: string; ids: number[]; operator: string; reason?: string }> = [];
  failWith: Error | null = null;
  private readonly letters = new Map<number, DeadLetterView>();

  constructor(letters: DeadLetterView[]) {
    for (const letter of letters) this.letters.set(letter.id, letter);
  }

  list(filter: { state?: DeadLetterState; storeId?: string; limit?: number } = {}) {
    return [...this.letters.values()]
      .filter((l) => filter.state === undefined || l.state === filter.state)
      .filter((l) => filter.storeId === undefined || l.storeId === filter.storeId)
      .slice(0, filter.limit ?? 100);
  }

  get(id: number): DeadLetterView | null {
    return this.letters.get(id) ?? null;
  }

  replay(ids: number[], operator: string) {
    this.calls.push({ method: 'replay', ids, operator });
    const { done, notOpen } = this.resolve(ids, operator, 'replayed', 'replayed');
    return { replayed: done, notOpen };
  }

  discard(ids: number[], operator: string, reason: string) {
    this.calls.push({ method: 'discard', ids, operator, reason });
    const { done, notOpen } = this.resolve(ids, operator, 'discarded', reason);
    return { discarded: done, notOpen };
  }

  private resolve(ids: number[], operator: string, state: DeadLetterState, resolution: string) {
    if (this.failWith !== null) throw this.failWith;

    const done: number[] = [];
    const notOpen: number[] = [];
    for (const id of ids) {
      const letter = this.letters.get(id);
      if (letter?.state !== 'open') {
        notOpen.push(id);
        continue;
      }
      const resolvedAt = '2026-11-27T15:00:00.000Z';
      this.letters.set(id, { ...letter, state, resolvedAt, resolvedBy: operator, resolution });
      done.push(id);
    }
    return { done, notOpen };
  }
}

/** A fixed posting overview. */
export const fakePostings: PostingOverview = {
  summary: () => ({
    queueDepthByKind: { sale: 4, adjustment: 1 },
    oldestUnpostedAgeMs: 1500,
    circuit: 'closed',
    currentRatePerSecond: 12.5,
    postedTransactions: 420,
    openDeadLetters: 2,
  }),
  recentBatches: (limit = 20) =>
    Array.from({ length: Math.min(limit, 3) }, (_, i) => ({
      batchId: `batch-${i}`,
      storeId: 'S001',
      kind: 'sale',
      businessDate: '2026-11-27',
      size: 100,
      state: 'posted',
      attempts: 1,
      lastError: null,
      createdAt: '2026-11-27T14:00:00.000Z',
      postedAt: '2026-11-27T14:00:01.000Z',
    })),
};
