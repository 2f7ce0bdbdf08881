/** One step of the store schema; applied once, in its own transaction, in version order. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
