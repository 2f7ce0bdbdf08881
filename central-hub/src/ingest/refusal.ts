import type { ErrorCode } from '@storesync/protocol';
import type { IngestContext } from './ingest-context.js';

/** Why a whole message was not taken. */
export interface Refusal {
  code: ErrorCode;
  message: string;
}

/** Where the refused message came from and what it said, for the rejected log. */
export interface RefusedMessage {
  channel: 'events' | 'status';
  topic: string;
  storeId: string | null;
  batchId: string | null;
  text: string;
}

/**
 * Keeps a refused message where an operator can see it (rejected log, metric,
 * warning). No ack goes out: the sender keeps what it sent.
 */
export function recordRefusal(
  context: IngestContext,
  message: RefusedMessage,
  refusal: Refusal,
): void {
  const { channel, topic, storeId, batchId, text } = message;
  const entry = { eventId: null, storeId, batchId, topic, ...refusal, raw: text };
  context.store.rejected.add(entry, context.now().toISOString());
  context.metrics.messageRefused(channel, refusal.code);
  context.logger.warn({ storeId, batchId, topic, ...refusal }, 'message refused');
}
