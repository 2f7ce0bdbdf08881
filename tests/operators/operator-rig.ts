import assert from 'node:assert/strict';
import {
  addOperator,
  createHubLogger,
  createHubMetrics,
  createOperatorAccess,
  type HubStore,
  type LoginThrottlePolicy,
  type OperatorAccess,
  type OperatorRole,
  openHubStore,
} from '@storesync/central-hub';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildHttpApp } from '../../central-hub/src/http/http-server.js';
import type { DeadLetterService } from '../../central-hub/src/posting/dead-letter-service.js';
import type { PostingOverview } from '../../central-hub/src/posting/posting-overview.js';
import { tempDir } from '../support/temp-dir.js';

export const START = Date.parse('2026-11-27T15:00:00.000Z');

/** The hub's HTTP app on a fresh hub.db, with a clock the test moves. */
export interface OperatorRig {
  app: FastifyInstance;
  store: HubStore;
  access: OperatorAccess;
  dataDir: string;
  /** Moves the clock of sessions and audit entries. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export interface RigOptions {
  deadLetters?: DeadLetterService;
  postings?: PostingOverview;
  throttle?: LoginThrottlePolicy;
}

export async function operatorRig(options: RigOptions = {}): Promise<OperatorRig> {
  const dir = tempDir('operators-');
  const store = openHubStore(dir.path);
  let nowMs = START;
  const access = createOperatorAccess(store.db, {
    now: () => new Date(nowMs),
    throttle: options.throttle,
  });
  const app = buildHttpApp({
    store,
    metrics: createHubMetrics(store.stores),
    health: () => [],
    logger: createHubLogger('silent'),
    operators: access,
    deadLetters: options.deadLetters,
    postings: options.postings,
  });
  await app.ready();

  const close = async () => {
    await app.close();
    store.close();
    dir.remove();
  };
  const advance = (ms: number) => {
    nowMs += ms;
  };
  return { app, store, access, dataDir: dir.path, advance, close };
}

/** Adds an operator with a known password, as `storesync hub add-operator` would. */
export function addAccount(rig: OperatorRig, username: string, role: OperatorRole): string {
  const password = `${username}-password-long`;
  addOperator(rig.dataDir, username, { role, password });
  return password;
}

export function login(rig: OperatorRig, username: string, password: string) {
  return rig.app.inject({ method: 'POST', url: '/api/login', payload: { username, password } });
}

/** Logs in and returns the bearer headers of the session. */
export async function sessionOf(
  rig: OperatorRig,
  username: string,
  password: string,
): Promise<{ authorization: string }> {
  const res = await login(rig, username, password);
  assert.equal(res.statusCode, 200, res.body);
  return { authorization: `Bearer ${res.json().token}` };
}

/** An inject call with a session's headers. */
export function call(
  rig: OperatorRig,
  headers: { authorization: string } | Record<string, never>,
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
): Promise<LightMyRequestResponse> {
  return rig.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
}
