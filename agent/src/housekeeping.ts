import type { StoreDb } from '@storesync/store-db';
import cron from 'node-cron';
import type { Logger } from 'pino';

/** Acked events are kept this long for the manager to look back on, then pruned. */
export const ACKED_RETENTION_MS = 7 * 24 * 3_600_000;

/** Rows deleted per slice, so a big prune never holds the write lock for long. */
const PRUNE_SLICE = 5_000;

/**
 * Prunes acked and rejected events every ten minutes, a slice at a time with
 * the event loop free between slices so tills keep getting answered.
 */
export function scheduleHousekeeping(db: StoreDb, logger: Logger): { stop(): void } {
  const task = cron.schedule('*/10 * * * *', () => pruneInSlices(db, logger), {
    noOverlap: true,
  });
  return { stop: () => void task.stop() };
}

export async function pruneInSlices(db: StoreDb, logger: Logger): Promise<number> {
  let total = 0;
  for (;;) {
    const pruned = db.pruneAcked(ACKED_RETENTION_MS, PRUNE_SLICE);
    total += pruned;
    if (pruned < PRUNE_SLICE) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (total > 0) logger.info({ pruned: total }, 'acked events pruned');
  return total;
}
