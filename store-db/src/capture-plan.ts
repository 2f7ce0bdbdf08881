import {
  type EventKind,
  type ReviewFlag,
  reviewFlagsFor,
  transactionType,
} from '@storesync/protocol';
import { StoreCaptureError } from './errors.js';
import type { CaptureRequest, HeartbeatBody } from './types.js';

/** Every request the capture path writes: the public ones plus the agent's heartbeat. */
export type StoredRequest =
  | CaptureRequest
  | { kind: 'heartbeat'; heartbeat: HeartbeatBody; correlationId: string };

/** What a request becomes before anything is written: its event kind and business id. */
export interface CapturePlan {
  request: StoredRequest;
  kind: EventKind;
  /** transactionId, adjustmentId or businessDate; null for events without one. */
  businessId: string | null;
  body: object;
  /** null means "when it was captured" (heartbeats). */
  occurredAt: string | null;
  reviewFlags: ReviewFlag[];
  correlationId: string;
}

const MAX_CORRELATION_ID = 128;

/**
 * Checks what the envelope and the idempotency key need and derives the event
 * kind. The body itself was validated by the caller; a value SQLite refuses
 * later is caught per request by the capture writer.
 */
export function planCapture(request: StoredRequest): CapturePlan {
  const plan = planByKind(request);

  const id = plan.correlationId as unknown;
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_CORRELATION_ID) {
    throw invalid('correlationId', `must be a string of 1 to ${MAX_CORRELATION_ID} characters`);
  }

  if (plan.businessId !== null && !nonEmptyString(plan.businessId)) {
    throw invalid(businessIdPath(request.kind), 'must be a non-empty string');
  }

  if (plan.occurredAt !== null && !nonEmptyString(plan.occurredAt)) {
    throw invalid('occurredAt', 'must be an ISO 8601 timestamp');
  }
  return plan;
}

function planByKind(request: StoredRequest): CapturePlan {
  const base = { request, correlationId: request?.correlationId, reviewFlags: [] };

  switch (request?.kind) {
    case 'transaction':
      return planTransaction(request, base.correlationId);
    case 'inventory_adjustment': {
      const adj = bodyOf(request.adjustment, 'adjustment');
      return {
        ...base,
        kind: request.kind,
        businessId: adj.adjustmentId,
        body: adj,
        occurredAt: adj.occurredAt,
      };
    }
    case 'day_close': {
      const close = bodyOf(request.dayClose, 'dayClose');
      return {
        ...base,
        kind: request.kind,
        businessId: close.businessDate,
        body: close,
        occurredAt: close.closedAt,
      };
    }
    case 'heartbeat':
      return {
        ...base,
        kind: 'heartbeat',
        businessId: null,
        body: bodyOf(request.heartbeat, 'heartbeat'),
        occurredAt: null,
      };
    default:
      throw invalid('kind', 'must be transaction, inventory_adjustment or day_close');
  }
}

function planTransaction(
  request: Extract<StoredRequest, { kind: 'transaction' }>,
  correlationId: string,
): CapturePlan {
  const txn = bodyOf(request.transaction, 'transaction');

  const type = transactionType.safeParse(txn.type);
  if (!type.success) throw invalid('transaction.type', 'must be sale, return or void');

  return {
    request,
    kind: type.data,
    businessId: txn.transactionId,
    body: txn,
    occurredAt: txn.occurredAt,
    reviewFlags: reviewFlagsFor(txn),
    correlationId,
  };
}

function bodyOf<T>(body: T, path: string): T & object {
  if (typeof body !== 'object' || body === null) throw invalid(path, 'must be an object');
  return body;
}

function businessIdPath(kind: StoredRequest['kind']): string {
  if (kind === 'transaction') return 'transaction.transactionId';
  if (kind === 'inventory_adjustment') return 'adjustment.adjustmentId';
  return 'dayClose.businessDate';
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function invalid(path: string, message: string): StoreCaptureError {
  return new StoreCaptureError('VALIDATION_FAILED', `${path} ${message}`, { path });
}
