import assert from 'node:assert/strict';
import {
  addOperator,
  BatchIngest,
  createHubLogger,
  createHubMetrics,
  type HubConfig,
  type HubStore,
  type IngestContext,
  openHubStore,
  type RunningHub,
  StatusIngest,
  startHub,
} from '@storesync/central-hub';
import { type EventClass, newEventId, type StoreStatus, topics } from '@storesync/protocol';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { contractSale } from '../support/pos-fixtures.js';

export const FIXED_NOW = new Date('2026-11-27T15:00:00.000Z');

/** A valid sale event of `storeId`; `overrides` replace envelope fields. */
export function saleEvent(
  storeId: string,
  seq: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    eventId: newEventId(),
    storeId,
    seq,
    class: 'critical',
    kind: 'sale',
    occurredAt: '2026-11-27T14:03:11.123Z',
    capturedAt: '2026-11-27T14:03:11.200Z',
    correlationId: `corr-${seq}`,
    schemaVersion: 1,
    body: contractSale(`R01-${String(seq).padStart(6, '0')}`),
    ...overrides,
  };
}

export function batchOf(
  storeId: string,
  events: unknown[],
  cls: EventClass = 'critical',
): Record<string, unknown> {
  return {
    batchId: `b-${newEventId()}`,
    storeId,
    class: cls,
    sentAt: '2026-11-27T14:05:00.000Z',
    events,
  };
}

export function statusOf(storeId: string, state: 'online' | 'offline'): StoreStatus {
  return {
    storeId,
    state,
    agentVersion: '0.1.0',
    at: new Date().toISOString(),
    backlog:
      state === 'online'
        ? {
            critical: { depth: 3, oldestAgeMs: 1200 },
            inventory: { depth: 0, oldestAgeMs: null },
            finance: { depth: 0, oldestAgeMs: null },
            telemetry: { depth: 1, oldestAgeMs: 15 },
          }
        : null,
  };
}

/** The ingest units on an open hub.db, with no broker: a silent logger and a fixed clock. */
export function ingestRig(store: HubStore): {
  context: IngestContext;
  batches: BatchIngest;
  statuses: StatusIngest;
} {
  const context: IngestContext = {
    store,
    metrics: createHubMetrics(store.stores),
    logger: createHubLogger('silent'),
    now: () => FIXED_NOW,
  };
  return { context, batches: new BatchIngest(context), statuses: new StatusIngest(context) };
}

/** A hub on free ports with the embedded broker, listening on loopback only. */
export function startTestHub(dataDir: string, overrides: Partial<HubConfig> = {}) {
  return startHub({
    dataDir,
    httpPort: 0,
    httpHost: '127.0.0.1',
    mqttPort: 0,
    mqttHost: '127.0.0.1',
    mqttUrl: null,
    mqttUsername: null,
    mqttPassword: null,
    erpUrl: null,
    logLevel: 'silent',
    ...overrides,
  });
}

/** A store's MQTT client as an agent would connect (no retries: tests see refusals). */
export function connectStore(
  hub: Pick<RunningHub, 'mqttUrl'>,
  username: string,
  password: string,
  options: IClientOptions = {},
): Promise<MqttClient> {
  return mqtt.connectAsync(hub.mqttUrl, {
    clientId: `storesync-agent-${username}`,
    protocolVersion: 4,
    clean: true,
    username,
    password,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ...options,
  });
}

/** Resolves with the next message on `topic` that `accept` takes (default: any). */
export function nextMessage(
  client: MqttClient,
  topic: string,
  accept: (payload: string) => boolean = () => true,
): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = (received: string, payload: Buffer) => {
      const text = payload.toString();
      if (received !== topic || !accept(text)) return;
      client.off('message', onMessage);
      resolve(text);
    };
    client.on('message', onMessage);
  });
}

export interface AckMessage {
  batchId: string;
  storeId: string;
  accepted: string[];
  rejected: Array<{ eventId: string; code: string; message: string }>;
}

/** Subscribes to the store's acks, publishes the batch and resolves with its ack. */
export async function publishForAck(
  client: MqttClient,
  storeId: string,
  batch: Record<string, unknown>,
): Promise<AckMessage> {
  await client.subscribeAsync(topics.acks(storeId), { qos: 1 });
  const ack = nextMessage(
    client,
    topics.acks(storeId),
    (text) => (JSON.parse(text) as AckMessage).batchId === batch.batchId,
  );
  const topic = topics.events(storeId, batch.class as EventClass);
  await client.publishAsync(topic, JSON.stringify(batch), { qos: 1 });
  return JSON.parse(await ack) as AckMessage;
}

/** A second connection to hub.db, as an operator's tool would open it. */
export function readHubDb<T>(dataDir: string, read: (store: HubStore) => T): T {
  const store = openHubStore(dataDir);
  try {
    return read(store);
  } finally {
    store.close();
  }
}

/** Logs in to the hub's API and returns the headers that carry the session token. */
export async function loginOperator(
  httpUrl: string,
  username: string,
  password: string,
): Promise<{ authorization: string }> {
  const res = await fetch(`${httpUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(res.status, 200, `login of ${username} answered ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}

/**
 * A viewer session on the hub's API: the operator is added straight into
 * hub.db (as `storesync hub add-operator` does), then logs in over HTTP.
 */
export async function viewerSession(
  httpUrl: string,
  dataDir: string,
): Promise<{ authorization: string }> {
  const { username, password } = addOperator(dataDir, 'fixture-viewer', { role: 'viewer' });
  return loginOperator(httpUrl, username, password);
}
