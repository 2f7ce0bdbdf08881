import { z } from 'zod';

/**
 * Money is always an integer count of minor units (cents). A float here is a
 * rounding error waiting to happen in the books, so it is refused outright.
 */
export const minorUnits = z
  .number({ error: 'must be a number of minor units (an integer, e.g. 1999 for 19.99)' })
  .int({ error: 'must be an integer number of minor units, not a decimal amount' })
  .refine(Number.isSafeInteger, { error: 'is too large to be an exact amount' });

export const nonNegativeMinorUnits = minorUnits.refine((v) => v >= 0, {
  error: 'must not be negative',
});

/** ISO 4217 alphabetic code, upper case. */
export const currencyCode = z
  .string({ error: 'must be an ISO 4217 currency code such as "USD"' })
  .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 currency code such as "USD"' });

/**
 * Quantities may be fractional for weighed goods (1.250 kg) but never
 * negative: the direction of a movement comes from its type, not its sign.
 */
export const quantity = z
  .number({ error: 'must be a number' })
  .positive({ error: 'must be greater than zero' })
  .refine((v) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6, {
    error: 'must have at most three decimal places',
  });

export const isoTimestamp = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 timestamp such as 2026-11-27T14:03:11.123Z',
});

export const businessDate = z.iso.date({ error: 'must be a date in the form YYYY-MM-DD' });

export const identifier = z
  .string({ error: 'must be a string id' })
  .min(1, { error: 'must not be empty' })
  .max(64, { error: 'must be at most 64 characters' })
  .regex(/^[A-Za-z0-9._:/-]+$/, {
    error: 'may contain only letters, digits and . _ : / -',
  });

export const tenderMethod = z.enum([
  'cash',
  'card',
  'gift_card',
  'voucher',
  'store_credit',
  'other',
]);
export type TenderMethod = z.infer<typeof tenderMethod>;
