export { BrokerAccess } from './broker/broker-access.js';
export { type MqttPrincipal, mayPublish, maySubscribe } from './broker/mqtt-principal.js';
export type { HubConfig, RunningHub } from './config.js';
export {
  HUB_CREDENTIALS_FILE,
  HUB_MQTT_USERNAME,
  type MqttCredentials,
} from './credentials/hub-credentials.js';
export * from './erp/index.js';
export * from './erp-sandbox/index.js';
export { DEFAULT_HUB_CLIENT_ID } from './hub-mqtt.js';
export type { LedgerEvent, StoredEvent } from './hub-store/event-ledger.js';
export { HUB_DB_FILE, HubStore, openHubStore } from './hub-store/hub-store.js';
export type { RejectedEntry, RejectedRecord } from './hub-store/rejected-log.js';
export type { StoreSummary } from './hub-store/store-registry.js';
export { BatchIngest, type IngestOutcome } from './ingest/batch-ingest.js';
export { HubMessageRouter } from './ingest/hub-message-router.js';
export type { IngestContext } from './ingest/ingest-context.js';
export type { Refusal } from './ingest/refusal.js';
export { StatusIngest, type StatusOutcome } from './ingest/status-ingest.js';
export { createHubLogger } from './logger.js';
export { createHubMetrics, type HubMetrics } from './metrics/hub-metrics.js';
export * from './operators/index.js';
export * from './posting/index.js';
export { addStore, type StoreCredentials } from './provisioning/add-store.js';
export { startHub } from './start-hub.js';
