import { type FieldError, fieldErrors, StoresyncError } from '@storesync/protocol';
import type { z } from 'zod';

/** Most items one request may carry; larger uploads are split by the till. */
export const MAX_ITEMS_PER_REQUEST = 500;

/** A request body checked against its schema: one object or an array of them. */
export interface ParsedItems<T> {
  items: T[];
  isArray: boolean;
}

function validationFailed(errors: FieldError[]): StoresyncError {
  const first = errors[0];
  const summary = first ? `${first.path} ${first.message}` : 'the body is not valid';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new StoresyncError('VALIDATION_FAILED', `${summary}${more}`, { errors });
}

function checkArraySize(body: unknown[]): void {
  if (body.length === 0) {
    throw validationFailed([{ path: '(body)', message: 'must list at least one item' }]);
  }

  if (body.length > MAX_ITEMS_PER_REQUEST) {
    const message = `must list at most ${MAX_ITEMS_PER_REQUEST} items; send the rest separately`;
    throw validationFailed([{ path: '(body)', message }]);
  }
}

/**
 * Validates a whole request before anything is stored: if one element of an
 * array is wrong the request is refused as a whole, naming every bad field
 * (paths prefixed `[i].`), so a till never has to work out which half landed.
 */
export function parseItems<S extends z.ZodType>(
  schema: S,
  body: unknown,
): ParsedItems<z.output<S>> {
  const isArray = Array.isArray(body);
  const raw: unknown[] = isArray ? body : [body];
  if (isArray) checkArraySize(raw);

  const items: z.output<S>[] = [];
  const errors: FieldError[] = [];
  raw.forEach((element, i) => {
    const result = schema.safeParse(element);
    if (result.success) items.push(result.data);
    else errors.push(...fieldErrors(result.error, isArray ? `[${i}]` : ''));
  });

  if (errors.length > 0) throw validationFailed(errors);
  return { items, isArray };
}
