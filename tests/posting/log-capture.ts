import { Writable } from 'node:stream';
import { createHubLogger } from '@storesync/central-hub';
import type { Logger } from 'pino';

/** A JSON log line as pino wrote it. */
export type LogEntry = Record<string, unknown> & { level: number; msg: string };

/** A hub logger whose lines a test can read back. */
export function captureLogs(level = 'debug'): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() !== '') entries.push(JSON.parse(line) as LogEntry);
      }
      done();
    },
  });
  return { logger: createHubLogger(level, sink), entries };
}

/** Lines with this message. */
export function withMessage(entries: readonly LogEntry[], msg: string): LogEntry[] {
  return entries.filter((entry) => entry.msg === msg);
}
