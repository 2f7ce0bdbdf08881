import type { EventClass } from './classes.js';

export const TOPIC_PREFIX = 'storesync/v1';

/** Topic names of DESIGN.md; every publish and subscribe goes through these. */
export const topics = {
  events: (storeId: string, cls: EventClass) => `${TOPIC_PREFIX}/stores/${storeId}/events/${cls}`,
  allEvents: () => `${TOPIC_PREFIX}/stores/+/events/+`,
  acks: (storeId: string) => `${TOPIC_PREFIX}/stores/${storeId}/acks`,
  status: (storeId: string) => `${TOPIC_PREFIX}/stores/${storeId}/status`,
  allStatus: () => `${TOPIC_PREFIX}/stores/+/status`,
  pricebook: (storeId: string) => `${TOPIC_PREFIX}/stores/${storeId}/pricebook`,
  commands: (storeId: string) => `${TOPIC_PREFIX}/stores/${storeId}/commands`,
  inventoryChanges: () => `${TOPIC_PREFIX}/inventory/changes`,
} as const;

export interface ParsedStoreTopic {
  storeId: string;
  channel: string;
  rest: string[];
}

/** Splits `storesync/v1/stores/{storeId}/{channel}/...`; null for any other topic. */
export function parseStoreTopic(topic: string): ParsedStoreTopic | null {
  const parts = topic.split('/');
  if (parts[0] !== 'storesync' || parts[1] !== 'v1' || parts[2] !== 'stores') return null;

  const storeId = parts[3];
  const channel = parts[4];
  if (!storeId || !channel) return null;

  return { storeId, channel, rest: parts.slice(5) };
}
