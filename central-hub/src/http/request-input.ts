import { fieldErrors, StoresyncError } from '@storesync/protocol';
import type { z } from 'zod';

/**
 * Parses a body, query or path; a bad one is a VALIDATION_FAILED error (400)
 * whose message and `errors` name each field, e.g. `reason`.
 */
export function parseRequestInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;

  const errors = fieldErrors(parsed.error);
  const listed = errors.map((e) => `${e.path} ${e.message}`).join('; ');
  throw new StoresyncError('VALIDATION_FAILED', `the ${what} is not valid: ${listed}`, { errors });
}
