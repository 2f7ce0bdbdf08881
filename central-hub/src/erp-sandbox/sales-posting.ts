import { type SalesBatch, type SalesDocument, salesBatch } from '../erp/documents.js';
import type { PostingKind } from './posting-kind.js';
import type { SandboxBooks } from './sandbox-books.js';

/** Sales take stock out, returns put it back. */
function applyStock(books: SandboxBooks, document: SalesDocument, direction: 1 | -1): void {
  const sign = document.type === 'return' ? 1 : -1;
  for (const line of document.lines) {
    books.stock.move(document.storeId, line.sku, sign * direction * line.quantity);
  }
}

/**
 * A void reverses the stock effect of the transaction it names, when the
 * sandbox has posted that one; its own lines are not used.
 */
function applyVoid(books: SandboxBooks, document: SalesDocument): void {
  const originalId = document.originalTransactionId;
  const original = originalId ? books.postedSale(document.storeId, originalId) : undefined;
  if (original && original.type !== 'void') applyStock(books, original, -1);
}

/** `POST /api/sales-documents`. */
export const salesPosting: PostingKind<SalesBatch> = {
  route: '/api/sales-documents',
  referencePrefix: 'SD',
  schema: salesBatch,
  listKey: 'documents',
  idKey: 'transactionId',
  documents: (batch) =>
    batch.documents.map((d) => ({
      storeId: d.storeId,
      id: d.transactionId,
      skus: d.lines.map((line) => line.sku),
    })),
  apply: (batch, books) => {
    for (const document of batch.documents) {
      books.ledger.recordTransaction(document.storeId, document.transactionId, document.type);
      if (document.type === 'void') applyVoid(books, document);
      else applyStock(books, document, 1);
      books.rememberSale(document);
    }
  },
};
