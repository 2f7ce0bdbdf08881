import type { z } from 'zod';
import type { SandboxBooks } from './sandbox-books.js';

/** A document of a batch as validation sees it. */
export interface DocumentFacts {
  storeId: string;
  /** The document's id within the batch, named in refusals. */
  id: string;
  /** SKUs of its lines, in line order. */
  skus: string[];
}

/** One of the sandbox's posting endpoints: its wire schema and its effect on the books. */
export interface PostingKind<B extends { storeId: string }> {
  route: string;
  /** Prefix of the journal numbers it hands out. */
  referencePrefix: string;
  schema: z.ZodType<B>;
  /** Field of the batch that holds the documents, e.g. `documents`. */
  listKey: string;
  /** Field of a document that is its id, e.g. `transactionId`. */
  idKey: string;
  documents(batch: B): DocumentFacts[];
  /** Applies a validated batch; must not throw, which keeps a batch all or nothing. */
  apply(batch: B, books: SandboxBooks): void;
}
