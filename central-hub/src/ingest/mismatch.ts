import type { Refusal } from './refusal.js';

/** `storeId: the batch says "S002" but came on the topic of "S001"`. */
export function topicMismatch(field: string, what: string, said: string, onTopic: string): string {
  return `${field}: the ${what} says "${said}" but came on the topic of "${onTopic}"`;
}

/**
 * A client logged in as one store that published on another store's topic;
 * null when they agree or the transport cannot tell who published.
 */
export function clientMismatch(clientStoreId: string | null, storeId: string): Refusal | null {
  if (clientStoreId === null || clientStoreId === storeId) return null;
  const message = `the client of store "${clientStoreId}" published on the topic of "${storeId}"`;
  return { code: 'STORE_MISMATCH', message };
}
