import { toStoresyncError } from '@storesync/protocol';
import type { FastifyRequest } from 'fastify';
import type { AuditAction, AuditLog } from '../operators/audit-log.js';
import { operatorOf } from './route-access.js';

/** What an operator asked to do to dead letters. */
export interface Resolution<T> {
  action: AuditAction;
  ids: number[];
  reason: string | null;
  /** The dead letter service call. */
  run(operator: string): T | Promise<T>;
}

function failureDetail(err: unknown): Record<string, unknown> {
  const error = toStoresyncError(err);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return { code: error.code, message: cause ?? error.message };
}

/**
 * Runs a replay or discard and then records it in the audit log, in the same
 * request: the outcome `ok` with the service's answer, or `failed` with the
 * error (which is then rethrown and answered).
 */
export async function auditedResolution<T extends Record<string, unknown>>(
  audit: AuditLog,
  request: FastifyRequest,
  resolution: Resolution<T>,
): Promise<T> {
  const { username } = operatorOf(request);
  const entry = {
    username,
    action: resolution.action,
    targetIds: resolution.ids,
    reason: resolution.reason,
    requestId: request.id,
  };

  let result: T;
  try {
    result = await resolution.run(username);
  } catch (err) {
    audit.record({ ...entry, outcome: 'failed', detail: failureDetail(err) });
    throw err;
  }
  audit.record({ ...entry, outcome: 'ok', detail: result });
  return result;
}
