import type { DocumentError } from '../erp/documents.js';
import type { ErpError } from '../erp/erp-errors.js';
import type { BatchDocument, UnreadableMember } from './batch-documents.js';
import type { PostingBatchRow, PostingBatchTable } from './batch-table.js';
import type { DeadLetterTable } from './dead-letter-table.js';
import { namedDocuments, refusalOf } from './failure-class.js';

/** A member found at fault, with the ERP's code and message for it. */
export interface FaultyMember {
  eventId: string;
  eventKind: string;
  documentId: string;
  code: string;
  reason: string;
}

/** What isolating a refused batch did. */
export interface Isolation {
  deadLetters: FaultyMember[];
  /** New batches that carry the rest on, each with a new id. */
  childBatchIds: string[];
}

function reasonOf(errors: readonly DocumentError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('; ');
}

/** The members a refusal names, each with its own errors. */
export function membersNamed(err: ErpError, documents: readonly BatchDocument[]): FaultyMember[] {
  const named = namedDocuments(err);
  return documents
    .filter((doc) => named.has(doc.documentId))
    .map((doc) => {
      const errors = err.documentErrors.filter((e) => e.documentId === doc.documentId);
      const code = errors.find((e) => e.code !== undefined)?.code ?? err.code;
      return { ...doc, code, reason: reasonOf(errors) };
    });
}

/** Members whose body cannot be read back cannot be sent: they are at fault by themselves. */
export function unreadableFaults(unreadable: readonly UnreadableMember[]): FaultyMember[] {
  return unreadable.map((m) => ({
    eventId: m.eventId,
    eventKind: m.eventKind,
    documentId: m.eventId,
    code: 'UNREADABLE_DOCUMENT',
    reason: m.message,
  }));
}

/** A batch refused as a whole: its only document is at fault. */
export function wholeBatchFault(err: ErpError, document: BatchDocument): FaultyMember {
  const { code, message } = refusalOf(err);
  return { ...document, code, reason: message };
}

/**
 * Closes a refused batch (run inside a HubStore transaction). `faulty` become
 * dead letters; the other members go on in new batches: one batch when the
 * faults are known, two halves when they are not yet (`halve`). The refused
 * batch keeps its members and its id, which is never sent again.
 */
export function isolate(
  tables: { batches: PostingBatchTable; deadLetters: DeadLetterTable },
  batch: PostingBatchRow,
  plan: { allEventIds: readonly string[]; faulty: readonly FaultyMember[]; halve: boolean },
  why: { code: string; message: string; now: string },
): Isolation {
  const faultyIds = new Set(plan.faulty.map((m) => m.eventId));
  const rest = plan.allEventIds.filter((id) => !faultyIds.has(id));
  const parts = plan.halve && rest.length > 1 ? halves(rest) : rest.length > 0 ? [rest] : [];

  for (const member of plan.faulty) {
    const { eventId, eventKind: kind, documentId, code, reason } = member;
    const letter = { eventId, storeId: batch.storeId, kind, documentId, code, reason };
    tables.deadLetters.add({ ...letter, batchId: batch.batchId }, why.now);
  }

  const childBatchIds = parts.map((eventIds) =>
    tables.batches.insert(
      {
        storeId: batch.storeId,
        kind: batch.kind,
        businessDate: batch.businessDate,
        origin: 'split',
        parentBatchId: batch.batchId,
        eventIds,
        oldestReceivedAt: batch.oldestReceivedAt,
      },
      why.now,
    ),
  );

  const state = childBatchIds.length > 0 ? 'split' : 'dead_letter';
  tables.batches.close(batch.batchId, state, why.code, why.message);
  return { deadLetters: [...plan.faulty], childBatchIds };
}

function halves<T>(list: readonly T[]): T[][] {
  const middle = Math.ceil(list.length / 2);
  return [list.slice(0, middle), list.slice(middle)];
}
