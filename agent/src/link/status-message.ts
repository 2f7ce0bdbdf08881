import type { StoreStatus } from '@storesync/protocol';
import type { StoreDb } from '@storesync/store-db';

/** The retained heartbeat: the hub's view of this store's backlog comes from here. */
export function onlineStatus(db: StoreDb, agentVersion: string): StoreStatus {
  return {
    storeId: db.storeId,
    state: 'online',
    agentVersion,
    at: new Date().toISOString(),
    backlog: db.backlog(),
  };
}

/** Published by the broker on our behalf (last will) when the store drops off. */
export function offlineStatus(storeId: string, agentVersion: string): StoreStatus {
  return {
    storeId,
    state: 'offline',
    agentVersion,
    at: new Date().toISOString(),
    backlog: null,
  };
}
