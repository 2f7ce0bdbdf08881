import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HubStore } from '../hub-store/hub-store.js';
import { generatePassword, hashPassword, verifyPassword } from './passwords.js';

/** The embedded broker's user for the hub itself (and tools that act as the hub). */
export const HUB_MQTT_USERNAME = 'storesync-hub';
export const HUB_CREDENTIALS_FILE = 'hub-credentials.json';

/** MQTT username and password, as `add-store` prints them and the credentials file holds them. */
export interface MqttCredentials {
  mqttUsername: string;
  mqttPassword: string;
}

function readCredentialsFile(path: string): MqttCredentials | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<MqttCredentials>;
    const { mqttUsername, mqttPassword } = parsed;
    if (typeof mqttUsername !== 'string' || typeof mqttPassword !== 'string') return null;
    return { mqttUsername, mqttPassword };
  } catch {
    return null;
  }
}

/** Writes the file owner-only (0600) through a rename, so it is never seen half written. */
function writeCredentialsFile(path: string, credentials: MqttCredentials): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, `${JSON.stringify(credentials)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}

/**
 * The hub's own MQTT credentials for the embedded broker. Generated on first
 * start: the scrypt hash goes into hub.db (the broker checks logins against
 * it, as for stores) and the password into `hub-credentials.json`, mode 0600,
 * for the hub's client and operator tools. A missing, edited or stale file gets
 * a new password, so deleting the file is how the password is rotated.
 */
export async function ensureHubCredentials(
  store: HubStore,
  dataDir: string,
): Promise<MqttCredentials> {
  const path = join(dataDir, HUB_CREDENTIALS_FILE);
  const fromFile = readCredentialsFile(path);
  const hash = store.hubUsers.passwordHashOf(HUB_MQTT_USERNAME);

  const valid =
    fromFile?.mqttUsername === HUB_MQTT_USERNAME &&
    hash !== null &&
    (await verifyPassword(fromFile.mqttPassword, hash));
  if (valid && fromFile) {
    chmodSync(path, 0o600);
    return fromFile;
  }

  const credentials = { mqttUsername: HUB_MQTT_USERNAME, mqttPassword: generatePassword() };
  writeCredentialsFile(path, credentials);
  store.hubUsers.save(HUB_MQTT_USERNAME, hashPassword(credentials.mqttPassword), nowIso());
  return credentials;
}

function nowIso(): string {
  return new Date().toISOString();
}
