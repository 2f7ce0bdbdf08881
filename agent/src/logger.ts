import { type DestinationStream, type Logger, pino } from 'pino';
import type { AgentConfig } from './config.js';

/**
 * The agent's root logger: JSON lines on stdout, every line tagged with the
 * store so that logs shipped from many stores can be told apart.
 */
export function createAgentLogger(config: AgentConfig, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    base: { storeId: config.storeId, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
