import type { DocumentError, PostingReceipt, PostingRefusal } from '../erp/documents.js';
import { schemaErrors, storeMismatches, unknownSkus } from './batch-validation.js';
import type { PostingKind } from './posting-kind.js';
import type { SandboxBooks } from './sandbox-books.js';

/** The answer to a post, before it is sent and remembered. */
export interface PostingAnswer {
  status: number;
  body: PostingReceipt | PostingRefusal;
}

const REFUSALS = {
  VALIDATION_FAILED: 'documents of the batch do not match the ERP document schema',
  STORE_MISMATCH: 'documents of the batch belong to another store',
  UNKNOWN_SKU: 'documents of the batch name SKUs the ERP does not know',
} as const;

function refusal(code: keyof typeof REFUSALS, errors: DocumentError[]): PostingAnswer {
  return { status: 422, body: { code, message: `${REFUSALS[code]}; nothing was posted`, errors } };
}

/**
 * Validates a whole batch, then applies it, all in one synchronous step: a
 * batch is applied entirely or not at all, and no other request can run
 * between the check and the effect.
 */
export function postBatch<B extends { storeId: string }>(
  kind: PostingKind<B>,
  raw: unknown,
  books: SandboxBooks,
  now: Date,
): PostingAnswer {
  const parsed = kind.schema.safeParse(raw);
  if (!parsed.success) {
    return refusal(
      'VALIDATION_FAILED',
      schemaErrors(kind as PostingKind<never>, raw, parsed.error),
    );
  }

  const batch = parsed.data;
  const mismatched = storeMismatches(kind, batch);
  if (mismatched.length > 0) return refusal('STORE_MISMATCH', mismatched);

  const unknown = unknownSkus(kind, batch, books.catalog);
  if (unknown.length > 0) return refusal('UNKNOWN_SKU', unknown);

  kind.apply(batch, books);

  const receipt: PostingReceipt = {
    erpReference: books.nextReference(kind.referencePrefix),
    storeId: batch.storeId,
    documentCount: kind.documents(batch).length,
    postedAt: now.toISOString(),
  };
  return { status: 201, body: receipt };
}
