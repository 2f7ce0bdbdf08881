import { formatPath } from '@storesync/protocol';
import type { z } from 'zod';
import type { DocumentError } from '../erp/documents.js';
import type { ItemCatalog } from './item-catalog.js';
import type { PostingKind } from './posting-kind.js';

/** The id of the raw document at `list[index]`, when it has a usable one. */
function rawDocumentId(kind: PostingKind<never>, raw: unknown, index: unknown): string | null {
  if (typeof index !== 'number') return null;

  const list = (raw as Record<string, unknown> | null)?.[kind.listKey];
  const document = Array.isArray(list) ? (list[index] as Record<string, unknown>) : undefined;
  const id = document?.[kind.idKey];
  return typeof id === 'string' ? id : null;
}

/**
 * Schema problems, each tied to its document when it lies inside one
 * (`documents[3].lines[0].unitPrice`), or to none (`documentId: null`).
 */
export function schemaErrors(
  kind: PostingKind<never>,
  raw: unknown,
  error: z.ZodError,
): DocumentError[] {
  return error.issues.map((issue) => {
    const [key, index] = issue.path;
    const inList = key === kind.listKey;
    return {
      documentId: inList ? rawDocumentId(kind, raw, index) : null,
      path: formatPath(issue.path),
      message: issue.message,
      code: 'VALIDATION_FAILED',
    };
  });
}

/** Documents filed under another store than their batch. */
export function storeMismatches<B extends { storeId: string }>(
  kind: PostingKind<B>,
  batch: B,
): DocumentError[] {
  return kind.documents(batch).flatMap((doc, i) =>
    doc.storeId === batch.storeId
      ? []
      : [
          {
            documentId: doc.id,
            path: `${kind.listKey}[${i}].storeId`,
            message: `is ${doc.storeId} but the batch is of store ${batch.storeId}`,
            code: 'STORE_MISMATCH',
          },
        ],
  );
}

/** One error per line whose SKU the item master does not know. */
export function unknownSkus<B extends { storeId: string }>(
  kind: PostingKind<B>,
  batch: B,
  catalog: ItemCatalog,
): DocumentError[] {
  return kind.documents(batch).flatMap((doc, i) =>
    doc.skus.flatMap((sku, line) =>
      catalog.has(sku)
        ? []
        : [
            {
              documentId: doc.id,
              path: `${kind.listKey}[${i}].lines[${line}].sku`,
              message: `SKU "${sku}" is not known to the ERP`,
              code: 'UNKNOWN_SKU',
            },
          ],
    ),
  );
}
