export * from './document-mapping.js';
export * from './documents.js';
export * from './erp-adapter.js';
export * from './erp-errors.js';
export { authorizationOf, type ErpAuth } from './erp-http-client.js';
export * from './rest-erp-adapter.js';
export * from './retry-after.js';
