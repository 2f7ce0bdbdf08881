import { type DayCloseBatch, dayCloseBatch } from '../erp/documents.js';
import type { PostingKind } from './posting-kind.js';

/** `POST /api/day-closes`: recorded in the ledger; closes move no stock. */
export const dayClosePosting: PostingKind<DayCloseBatch> = {
  route: '/api/day-closes',
  referencePrefix: 'DC',
  schema: dayCloseBatch,
  listKey: 'closes',
  idKey: 'businessDate',
  documents: (batch) =>
    batch.closes.map((c) => ({ storeId: c.storeId, id: c.businessDate, skus: [] })),
  apply: (batch, books) => {
    for (const close of batch.closes)
      books.ledger.recordDayClose(close.storeId, close.businessDate);
  },
};
