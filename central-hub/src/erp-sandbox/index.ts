export type { SandboxItem } from './item-catalog.js';
export { DEFAULT_OPENING_ON_HAND, DEFAULT_SKU_COUNT, defaultPriceOf } from './item-catalog.js';
export type { ErpSandboxLedger } from './posting-ledger.js';
export type { ErpSandboxStats } from './request-stats.js';
export type { ErpSandboxSettingsPatch, ErpSandboxSettingsView } from './sandbox-settings.js';
export * from './start-erp-sandbox.js';
