import { initialSchema } from './001-initial-schema.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration of the store schema, oldest first. Append; never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [initialSchema];
