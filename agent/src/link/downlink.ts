import {
  batchAck,
  fieldErrors,
  parseStoreTopic,
  priceBookMessage,
  storeCommand,
} from '@storesync/protocol';
import type { StoreDb } from '@storesync/store-db';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { OutboxDrain } from './outbox-drain.js';

export interface DownlinkDeps {
  storeId: string;
  db: StoreDb;
  drain: OutboxDrain;
  logger: Logger;
}

/**
 * Handles hub -> store messages: acks, commands and price books. A message
 * that does not parse is quarantined, never thrown: the link must keep going.
 */
export function handleDownlink(deps: DownlinkDeps, topic: string, payload: Buffer): void {
  const parsed = parseStoreTopic(topic);
  if (!parsed || parsed.storeId !== deps.storeId) return;

  const handler = HANDLERS[parsed.channel];
  if (handler) handler(deps, topic, payload);
  else deps.logger.debug({ topic }, 'downlink message ignored');
}

function onAck(deps: DownlinkDeps, topic: string, payload: Buffer): void {
  const ack = parseMessage(deps, topic, payload, batchAck);
  if (!ack) return;

  if (ack.storeId !== deps.storeId) {
    deps.logger.warn({ batchId: ack.batchId, ackStoreId: ack.storeId }, 'ack for another store');
    return;
  }
  deps.drain.handleAck(ack);
}

function onCommand(deps: DownlinkDeps, topic: string, payload: Buffer): void {
  const command = parseMessage(deps, topic, payload, storeCommand);
  if (!command) return;

  deps.logger.info({ command: command.command }, 'hub command received');
  if (command.command === 'throttle') deps.drain.setWindowSize(command.maxBatchesInFlight);
  if (command.command === 'resync') deps.db.resetInFlight();
  deps.drain.pump();
}

function onPriceBook(deps: DownlinkDeps, topic: string, payload: Buffer): void {
  const book = parseMessage(deps, topic, payload, priceBookMessage);
  if (!book) return;

  const applied = deps.db.applyPriceBook(book);
  deps.logger.info({ version: book.version, applied, items: book.items.length }, 'price book');
}

type Handler = (deps: DownlinkDeps, topic: string, payload: Buffer) => void;

const HANDLERS: Record<string, Handler> = {
  acks: onAck,
  commands: onCommand,
  pricebook: onPriceBook,
};

function parseMessage<T>(
  deps: DownlinkDeps,
  topic: string,
  payload: Buffer,
  schema: z.ZodType<T>,
): T | null {
  const raw = payload.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    quarantine(deps, topic, raw, 'not valid JSON');
    return null;
  }

  const result = schema.safeParse(json);
  if (result.success) return result.data;

  quarantine(deps, topic, raw, JSON.stringify(fieldErrors(result.error)));
  return null;
}

function quarantine(deps: DownlinkDeps, topic: string, raw: string, reason: string): void {
  deps.logger.warn({ topic, reason }, 'downlink message quarantined');
  deps.db.quarantine({ source: `mqtt:${topic}`, reason, rawBody: raw });
}
