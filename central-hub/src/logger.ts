import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * The hub's root logger: JSON lines on stdout. Ids (storeId, batchId, eventId)
 * go in fields, messages stay constant.
 */
export function createHubLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'storesync-hub', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
