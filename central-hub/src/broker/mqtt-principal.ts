import { EVENT_CLASSES, topics } from '@storesync/protocol';

/** Who an MQTT connection logged in as: the hub itself or one store. */
export type MqttPrincipal = { kind: 'hub'; username: string } | { kind: 'store'; storeId: string };

/** A stable key of the principal, for client id ownership. */
export function principalKey(principal: MqttPrincipal): string {
  return principal.kind === 'hub' ? `hub:${principal.username}` : `store:${principal.storeId}`;
}

/**
 * A store publishes only its own event batches and status; the hub anywhere
 * except the broker's reserved `$SYS` tree.
 */
export function mayPublish(principal: MqttPrincipal, topic: string): boolean {
  if (principal.kind === 'hub') return !topic.startsWith('$SYS');

  const { storeId } = principal;
  if (topic === topics.status(storeId)) return true;
  return EVENT_CLASSES.some((cls) => topic === topics.events(storeId, cls));
}

/**
 * A store reads only its own downlink, named exactly (no wildcards); the hub
 * reads anything.
 */
export function maySubscribe(principal: MqttPrincipal, filter: string): boolean {
  if (principal.kind === 'hub') return true;

  const { storeId } = principal;
  const downlink = [topics.acks(storeId), topics.pricebook(storeId), topics.commands(storeId)];
  return downlink.includes(filter);
}
