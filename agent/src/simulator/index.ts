export { type AdjustmentPlan, planAdjustments } from './adjustments.js';
export {
  type CatalogueItem,
  catalogueAsPriceBook,
  createCatalogue,
  DEFAULT_CATALOGUE_SEED,
  DEFAULT_CATALOGUE_SIZE,
  skuOf,
} from './catalogue.js';
export { buildDayClose } from './day-close.js';
export {
  createPosClient,
  type PosAnswer,
  type PosClient,
  type PosClientOptions,
  postSafely,
} from './pos-client.js';
export { createRandom, deriveSeed, type Random } from './random.js';
export { runTills, terminalIdOf } from './run-tills.js';
export type { RunTillsOptions, RunTillsResult, TillAnswer } from './run-tills-options.js';
export { payFor, refundFor } from './tenders.js';
export { planTill, type TillProfile } from './till.js';
