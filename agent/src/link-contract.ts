import type { StoreDb } from '@storesync/store-db';
import type { Logger } from 'pino';
import type { AgentConfig } from './config.js';

/** What the status API shows of the hub link. */
export interface LinkState {
  online: boolean;
  /** When the hub last acknowledged events (ISO 8601), null if never in this run. */
  lastAckAt: string | null;
}

/**
 * The agent's connection to the hub (drain, acks, downlink). The capture side
 * only starts it, asks it to drain now, reads its state and closes it.
 */
export interface AgentLink {
  start(): void;
  drainNow(): void;
  state(): LinkState;
  close(): Promise<void>;
}

/** What a link needs from the agent; given to a link factory once the store db is open. */
export interface AgentLinkContext {
  config: AgentConfig;
  db: StoreDb;
  logger: Logger;
  agentVersion: string;
}

/** Builds the link once the store database is open, since the link drains from it. */
export type AgentLinkFactory = (context: AgentLinkContext) => AgentLink;
