import { CLASS_OF_KIND, type EventEnvelope, newEventId, SCHEMA_VERSION } from '@storesync/protocol';
import type { NewEvent } from './business-records.js';
import type { CapturePlan } from './capture-plan.js';

/**
 * The envelope JSON. The body is serialized once and spliced in, so the record's
 * raw JSON and the event body are the same bytes.
 */
export function envelopeFor(
  plan: CapturePlan,
  storeId: string,
  seq: number,
  capturedAt: string,
): NewEvent & { envelope: string } {
  const header: Omit<EventEnvelope, 'body'> = {
    eventId: newEventId(),
    storeId,
    seq,
    class: CLASS_OF_KIND[plan.kind],
    kind: plan.kind,
    occurredAt: plan.occurredAt ?? capturedAt,
    capturedAt,
    correlationId: plan.correlationId,
    schemaVersion: SCHEMA_VERSION,
  };
  const bodyJson = JSON.stringify(plan.body);
  const envelope = `${JSON.stringify(header).slice(0, -1)},"body":${bodyJson}}`;

  return { eventId: header.eventId, seq, capturedAt, bodyJson, envelope };
}
