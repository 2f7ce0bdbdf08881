import {
  BODY_OF_KIND,
  type DayClose,
  type EventKind,
  type InventoryAdjustment,
  type PosTransaction,
} from '@storesync/protocol';
import type { ErpAdapter, ErpPostingResult } from '../erp/erp-adapter.js';
import type { BatchMember } from './batch-table.js';
import type { PostingKind } from './posting-kind.js';

/** A member of a batch read back as the document the ERP gets. */
export interface BatchDocument {
  eventId: string;
  eventKind: string;
  /** transactionId, adjustmentId, or the business date of a day close. */
  documentId: string;
  body: unknown;
}

/** A member whose stored body no longer reads as its kind: it cannot be sent at all. */
export interface UnreadableMember {
  eventId: string;
  eventKind: string;
  message: string;
}

/** What the sender needs to know about the batch it sends. */
export interface BatchHeader {
  batchId: string;
  storeId: string;
  kind: PostingKind;
  businessDate: string;
}

function documentIdOf(kind: string, body: Record<string, unknown>): string {
  const id =
    kind === 'inventory_adjustment'
      ? body.adjustmentId
      : kind === 'day_close'
        ? body.businessDate
        : body.transactionId;
  return String(id);
}

/** The body of a stored envelope; undefined when the envelope is not JSON. */
function bodyOf(envelope: string): unknown {
  try {
    return (JSON.parse(envelope) as { body?: unknown }).body;
  } catch {
    return undefined;
  }
}

/**
 * Reads members back into documents. Bodies are parsed again with the
 * protocol schema of their kind, which fills the defaults the ERP documents
 * need (the ledger keeps the envelope as the store sent it).
 */
export function readDocuments(members: readonly BatchMember[]): {
  documents: BatchDocument[];
  unreadable: UnreadableMember[];
} {
  const documents: BatchDocument[] = [];
  const unreadable: UnreadableMember[] = [];
  for (const member of members) {
    const { eventId, kind } = member;
    const schema = BODY_OF_KIND[kind as EventKind];
    const parsed = schema?.safeParse(bodyOf(member.envelope));
    if (parsed?.success) {
      const body = parsed.data as Record<string, unknown>;
      documents.push({ eventId, eventKind: kind, documentId: documentIdOf(kind, body), body });
    } else {
      const message = parsed?.error.message ?? `event kind ${kind} is not posted to the ERP`;
      unreadable.push({ eventId, eventKind: kind, message });
    }
  }
  return { documents, unreadable };
}

/** Sends the documents of one batch, with the batch id as the idempotency key. */
export function sendDocuments(
  adapter: ErpAdapter,
  batch: BatchHeader,
  documents: readonly BatchDocument[],
): Promise<ErpPostingResult> {
  const { batchId, storeId, kind, businessDate } = batch;
  if (kind === 'sales') {
    const transactions = documents.map((d) => d.body as PosTransaction);
    return adapter.postSales({ storeId, transactions, businessDate }, batchId);
  }
  if (kind === 'inventory') {
    const adjustments = documents.map((d) => d.body as InventoryAdjustment);
    return adapter.postInventoryMovements({ storeId, adjustments }, batchId);
  }
  const closes = documents.map((d) => d.body as DayClose);
  return adapter.postDayCloses({ storeId, closes }, batchId);
}
