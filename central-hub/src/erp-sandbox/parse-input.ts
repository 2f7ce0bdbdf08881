import { fieldErrors, StoresyncError } from '@storesync/protocol';
import type { z } from 'zod';

/**
 * Parses steering input (settings, items); a bad one is a VALIDATION_FAILED
 * StoresyncError whose `details.errors` names each field.
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;

  throw new StoresyncError('VALIDATION_FAILED', `the ${what} are not valid`, {
    errors: fieldErrors(parsed.error),
  });
}
