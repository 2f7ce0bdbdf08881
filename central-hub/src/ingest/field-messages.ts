import { fieldErrors } from '@storesync/protocol';
import type { z } from 'zod';

/** All problems of a zod error as one line: `lines[0].unitPrice: must be ...; total: ...`. */
export function fieldMessages(error: z.ZodError, prefix = ''): string {
  return fieldErrors(error, prefix)
    .map((problem) => `${problem.path}: ${problem.message}`)
    .join('; ');
}
