import { identifier } from '@storesync/protocol';
import { HUB_MQTT_USERNAME } from '../credentials/hub-credentials.js';

/**
 * Why `storeId` cannot name a store, or null when it can. On top of the
 * protocol's identifier rule a store id must be one MQTT topic level (no `/`),
 * because it is spliced into every topic and ACL of the store, and it must not
 * be the hub's own MQTT username.
 */
export function storeIdProblem(storeId: string): string | null {
  const parsed = identifier.safeParse(storeId);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'is not a valid id';
  if (storeId.includes('/')) return 'must not contain "/": it is one level of an MQTT topic';
  if (storeId === HUB_MQTT_USERNAME) return `"${HUB_MQTT_USERNAME}" is the hub's own MQTT user`;
  return null;
}
