import { type ErpError, isErpError } from '../erp/erp-errors.js';
import type { ErpFailureClass } from './posting-metrics.js';

/** Statuses that say the hub is talking to the wrong place, not that documents are wrong. */
const WRONG_ENDPOINT = new Set([404, 405]);

/** The documents a refusal names; empty when it blames the batch as a whole. */
export function namedDocuments(err: ErpError): Set<string> {
  const ids = err.documentErrors.map((e) => e.documentId).filter((id) => id !== null);
  return new Set(ids as string[]);
}

/**
 * How the pipeline treats a failed send:
 * - `rate_limited` (429): slow down and resend after Retry-After;
 * - `transient` (5xx, timeouts, connection failures): resend with backoff, counts
 *   toward opening the circuit;
 * - `configuration` (401/403, 404/405, unreadable answers): pause posting and
 *   alert, dead-letter nothing, since every document would be refused alike;
 * - `documents`: the ERP named the documents at fault: dead-letter those, post the rest;
 * - `batch`: refused as a whole: split in halves until the fault is isolated;
 * - `unexpected`: not an ERP answer at all (a bug): resend with backoff.
 */
export function classifyFailure(err: unknown): ErpFailureClass {
  if (!isErpError(err)) return 'unexpected';
  if (err.code === 'ERP_RATE_LIMITED') return 'rate_limited';
  if (err.retryable) return 'transient';
  if (err.code === 'ERP_AUTH_FAILED' || err.code === 'ERP_BAD_RESPONSE') return 'configuration';
  if (err.status !== null && WRONG_ENDPOINT.has(err.status)) return 'configuration';
  return namedDocuments(err).size > 0 ? 'documents' : 'batch';
}

/** The code of a failure for logs, metrics and the batch row. */
export function failureCode(err: unknown): string {
  return isErpError(err) ? err.code : 'INTERNAL';
}

/** The ERP's own code and message of a refusal, when its body has them. */
export function refusalOf(err: ErpError): { code: string; message: string } {
  const body = (err.body ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof body.code === 'string' ? body.code : err.code;
  const message = typeof body.message === 'string' ? body.message : err.message;
  const details = err.documentErrors.map((e) => `${e.path}: ${e.message}`);
  return { code, message: [message, ...details].join('; ') };
}
