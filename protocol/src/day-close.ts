import { z } from 'zod';
import { businessDate, currencyCode, isoTimestamp, minorUnits, tenderMethod } from './money.js';

/** The Z report of one business day: what the store says it took, by tender. */
export const dayClose = z.strictObject({
  businessDate,
  closedAt: isoTimestamp,
  currency: currencyCode,
  transactionCount: z.number().int({ error: 'must be an integer' }).nonnegative(),
  totals: z
    .array(z.strictObject({ method: tenderMethod, amount: minorUnits }))
    .min(1, { error: 'must list the total of at least one tender' }),
});
export type DayClose = z.infer<typeof dayClose>;
