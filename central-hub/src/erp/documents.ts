/**
 * Wire documents of the storesync ERP API: the ERP sandbox validates them and
 * the REST adapter builds them, so both sides share this one module.
 *
 * Money is an integer of minor units in the document's currency, times are
 * ISO 8601 UTC, ids are strings. Every document repeats its batch's `storeId`
 * so that the ERP can refuse a document filed under the wrong store.
 *
 * | request | body | 2xx answer |
 * | --- | --- | --- |
 * | `POST /api/sales-documents` | {@link SalesBatch} | {@link PostingReceipt} |
 * | `POST /api/inventory-movements` | {@link InventoryMovementBatch} | {@link PostingReceipt} |
 * | `POST /api/day-closes` | {@link DayCloseBatch} | {@link PostingReceipt} |
 * | `GET /api/on-hand?storeId=S001&skus=A,B` | none | {@link OnHandAnswer} |
 * | `GET /api/prices` | none | {@link PriceList} |
 *
 * A post carries an `Idempotency-Key` header; the ERP answers a key it has
 * seen with its first answer and the header `Idempotent-Replayed: true`.
 * A refused post (`4xx`) answers a {@link PostingRefusal} naming each
 * offending document, and nothing of the batch is applied.
 */
import {
  adjustmentReason,
  businessDate,
  currencyCode,
  identifier,
  isoTimestamp,
  minorUnits,
  nonNegativeMinorUnits,
  quantity,
  tenderMethod,
  transactionType,
} from '@storesync/protocol';
import { z } from 'zod';

/** One line of a sales document: `quantity x unitPrice - discount + tax`. */
export const salesLine = z.strictObject({
  sku: identifier,
  quantity,
  unitPrice: nonNegativeMinorUnits,
  discount: nonNegativeMinorUnits,
  tax: nonNegativeMinorUnits,
});
export type SalesLine = z.infer<typeof salesLine>;

/** How the customer paid; negative for change given back in cash. */
export const salesTender = z.strictObject({ method: tenderMethod, amount: minorUnits });
export type SalesTender = z.infer<typeof salesTender>;

/** A sale, return or void. A void names the transaction it cancels. */
export const salesDocument = z.strictObject({
  storeId: identifier,
  transactionId: identifier,
  terminalId: identifier,
  type: transactionType,
  occurredAt: isoTimestamp,
  currency: currencyCode,
  lines: z.array(salesLine).max(1000),
  tenders: z.array(salesTender).max(50),
  total: minorUnits,
  originalTransactionId: identifier.nullable(),
});
export type SalesDocument = z.infer<typeof salesDocument>;

/** The sales documents of one store and business day, posted as one unit. */
export const salesBatch = z.strictObject({
  storeId: identifier,
  businessDate,
  documents: z.array(salesDocument).min(1).max(5000),
});
export type SalesBatch = z.infer<typeof salesBatch>;

/** Stock moved at a store. `count` sets on-hand; other reasons move it. */
export const inventoryMovement = z.strictObject({
  storeId: identifier,
  adjustmentId: identifier,
  reason: adjustmentReason,
  occurredAt: isoTimestamp,
  lines: z
    .array(z.strictObject({ sku: identifier, quantity: quantity.or(z.literal(0)) }))
    .min(1)
    .max(5000),
  counterpartyStoreId: identifier.nullable(),
  reference: z.string().max(200).nullable(),
});
export type InventoryMovement = z.infer<typeof inventoryMovement>;

export const inventoryMovementBatch = z.strictObject({
  storeId: identifier,
  movements: z.array(inventoryMovement).min(1).max(5000),
});
export type InventoryMovementBatch = z.infer<typeof inventoryMovementBatch>;

/** The Z report of one business day; a store closes each day once. */
export const dayCloseDocument = z.strictObject({
  storeId: identifier,
  businessDate,
  closedAt: isoTimestamp,
  currency: currencyCode,
  transactionCount: z.number().int().nonnegative(),
  totals: z.array(z.strictObject({ method: tenderMethod, amount: minorUnits })).min(1),
});
export type DayCloseDocument = z.infer<typeof dayCloseDocument>;

export const dayCloseBatch = z.strictObject({
  storeId: identifier,
  closes: z.array(dayCloseDocument).min(1).max(1000),
});
export type DayCloseBatch = z.infer<typeof dayCloseBatch>;

/** The ERP's 2xx answer to a post. */
export const postingReceipt = z.object({
  erpReference: z.string(),
  storeId: z.string(),
  documentCount: z.number().int().nonnegative(),
  postedAt: z.string(),
});
export type PostingReceipt = z.infer<typeof postingReceipt>;

/**
 * One refused document. `documentId` is the document's own id within the
 * batch (transactionId, adjustmentId, or businessDate of a close); null when
 * the problem lies in the batch itself.
 */
export const documentError = z.object({
  documentId: z.string().nullable(),
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
});
export type DocumentError = z.infer<typeof documentError>;

/** The ERP's 4xx answer to a post: `code` is e.g. `UNKNOWN_SKU` or `VALIDATION_FAILED`. */
export const postingRefusal = z.object({
  code: z.string(),
  message: z.string().optional(),
  errors: z.array(documentError),
});
export type PostingRefusal = z.infer<typeof postingRefusal>;

/** On-hand of some SKUs at one store; SKUs the ERP does not know are listed apart. */
export const onHandAnswer = z.object({
  storeId: z.string(),
  items: z.array(z.object({ sku: z.string(), onHand: z.number() })),
  unknownSkus: z.array(z.string()),
});
export type OnHandAnswer = z.infer<typeof onHandAnswer>;

/** The ERP's price list; `version` grows with every change. */
export const priceList = z.object({
  version: z.number().int(),
  currency: z.string(),
  items: z.array(z.object({ sku: z.string(), price: z.number().int() })),
});
export type PriceList = z.infer<typeof priceList>;
