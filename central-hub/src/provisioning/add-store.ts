import { StoresyncError } from '@storesync/protocol';
import type { MqttCredentials } from '../credentials/hub-credentials.js';
import { generatePassword, hashPassword } from '../credentials/passwords.js';
import { openHubStore } from '../hub-store/hub-store.js';
import { storeIdProblem } from './store-id-rule.js';

/** What a store's agent needs to log in to the hub's broker: username is the storeId. */
export interface StoreCredentials extends MqttCredentials {
  storeId: string;
}

/**
 * Provisions a store in `${dataDir}/hub.db` with a new random MQTT password
 * and returns it; only the scrypt hash is kept. Adding a store that exists
 * gives it a new password (its agent must be reconfigured) and keeps its name
 * unless one is given. Works while the hub runs: the broker reads credentials
 * from hub.db on every login. Prints nothing.
 */
export function addStore(
  dataDir: string,
  storeId: string,
  name: string | null = null,
): StoreCredentials {
  const problem = storeIdProblem(storeId);
  if (problem !== null) {
    throw new StoresyncError('VALIDATION_FAILED', `storeId: ${problem}`, { path: 'storeId' });
  }

  const password = generatePassword();
  const store = openHubStore(dataDir);
  try {
    store.stores.save(storeId, name, hashPassword(password), new Date().toISOString());
  } finally {
    store.close();
  }
  return { storeId, mqttUsername: storeId, mqttPassword: password };
}
