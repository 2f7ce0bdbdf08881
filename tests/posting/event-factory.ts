import type { HubStore, LedgerEvent } from '@storesync/central-hub';
import { newEventId } from '@storesync/protocol';

export const BUSINESS_DAY = '2026-11-27';
const OCCURRED_AT = `${BUSINESS_DAY}T14:03:11.123Z`;

interface EventOptions {
  seq: number;
  occurredAt?: string;
}

function ledgerEvent(
  storeId: string,
  kind: LedgerEvent['kind'],
  body: unknown,
  options: EventOptions,
): LedgerEvent {
  const cls =
    kind === 'inventory_adjustment' ? 'inventory' : kind === 'day_close' ? 'finance' : 'critical';
  const occurredAt = options.occurredAt ?? OCCURRED_AT;
  const envelope = {
    eventId: newEventId(),
    storeId,
    seq: options.seq,
    class: cls,
    kind,
    occurredAt,
    capturedAt: occurredAt,
    correlationId: `corr-${options.seq}`,
    schemaVersion: 1,
    body,
  };
  return {
    eventId: envelope.eventId,
    storeId,
    seq: options.seq,
    class: cls,
    kind,
    occurredAt,
    capturedAt: occurredAt,
    envelope: JSON.stringify(envelope),
  };
}

/** A sale as a till sends it (no defaults filled in, as the ledger keeps it). */
export function saleEvent(
  storeId: string,
  transactionId: string,
  options: EventOptions & {
    sku?: string;
  },
): LedgerEvent {
  const occurredAt = options.occurredAt ?? OCCURRED_AT;
  const body = {
    transactionId,
    terminalId: 'R01',
    type: 'sale',
    occurredAt,
    currency: 'USD',
    lines: [{ sku: options.sku ?? 'SKU-0042', quantity: 1, unitPrice: 1999 }],
    tenders: [{ method: 'card', amount: 1999 }],
    total: 1999,
  };
  return ledgerEvent(storeId, 'sale', body, options);
}

export function adjustmentEvent(
  storeId: string,
  adjustmentId: string,
  options: EventOptions,
): LedgerEvent {
  const body = {
    adjustmentId,
    reason: 'receipt',
    occurredAt: options.occurredAt ?? OCCURRED_AT,
    lines: [{ sku: 'SKU-0042', quantity: 5 }],
  };
  return ledgerEvent(storeId, 'inventory_adjustment', body, options);
}

export function dayCloseEvent(storeId: string, businessDate: string, seq: number): LedgerEvent {
  const body = {
    businessDate,
    closedAt: `${businessDate}T23:00:00.000Z`,
    currency: 'USD',
    transactionCount: 1,
    totals: [{ method: 'card', amount: 1999 }],
  };
  return ledgerEvent(storeId, 'day_close', body, {
    seq,
    occurredAt: `${businessDate}T23:00:00.000Z`,
  });
}

export function heartbeatEvent(storeId: string, seq: number): LedgerEvent {
  return ledgerEvent(storeId, 'heartbeat', { agentVersion: '0.1.0', uptimeSeconds: 5 }, { seq });
}

/** Stores events as the ingest would, in one transaction, received at `receivedAt`. */
export function ingest(
  store: HubStore,
  events: readonly LedgerEvent[],
  receivedAt = new Date().toISOString(),
): void {
  store.transaction(() => {
    for (const event of events) store.events.insert(event, `ingest-${event.seq}`, receivedAt);
  });
}

/** `count` sales of one store, transaction ids `${prefix}-000001`... */
export function sales(
  storeId: string,
  count: number,
  options: { prefix?: string; firstSeq?: number; sku?: (i: number) => string | undefined } = {},
): LedgerEvent[] {
  const prefix = options.prefix ?? `${storeId}-T`;
  const firstSeq = options.firstSeq ?? 1;
  return Array.from({ length: count }, (_, i) =>
    saleEvent(storeId, `${prefix}-${String(i + 1).padStart(6, '0')}`, {
      seq: firstSeq + i,
      sku: options.sku?.(i),
    }),
  );
}
