import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

/** One answer of the agent, with the time the till waited for it. */
export interface PosAnswer<T = unknown> {
  status: number;
  body: T;
  latencyMs: number;
}

/** A till's HTTP connection to its agent: keep-alive, bearer token, JSON in and out. */
export interface PosClient {
  post<T = unknown>(path: string, body: unknown): Promise<PosAnswer<T>>;
  get<T = unknown>(path: string): Promise<PosAnswer<T>>;
  /** Sends a body as is (bad JSON, other content types) for tests of refusals. */
  send<T = unknown>(
    method: string,
    path: string,
    raw: string,
    contentType?: string,
  ): Promise<PosAnswer<T>>;
  close(): void;
}

/** Where the till posts and with which terminal token (null sends none). */
export interface PosClientOptions {
  baseUrl: string;
  token: string | null;
  /** Most connections open at once; default unlimited. */
  maxSockets?: number;
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!contentType?.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface SendInit {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  path: string;
  raw: string;
  contentType?: string;
}

function headersFor(options: PosClientOptions, init: SendInit): Record<string, string> {
  const headers: Record<string, string> = {};
  if (init.contentType) headers['content-type'] = init.contentType;
  if (options.token !== null) headers.authorization = `Bearer ${options.token}`;
  return headers;
}

/**
 * Creates a till client over an undici connection pool: keep-alive, one
 * request in flight per connection, as a till waits for each answer.
 * undici costs a fraction of node:http per request, so the load generator
 * is not what a benchmark measures.
 */
export function createPosClient(options: PosClientOptions): PosClient {
  const origin = new URL(options.baseUrl).origin;
  const pool = new Pool(origin, {
    connections: options.maxSockets ?? null,
    pipelining: 1,
    keepAliveTimeout: 30_000,
  });

  const send = async <T>(init: SendInit): Promise<PosAnswer<T>> => {
    const started = performance.now();
    const url = new URL(init.path, options.baseUrl);
    const res = await pool.request({
      method: init.method,
      path: url.pathname + url.search,
      headers: headersFor(options, init),
      body: init.method === 'GET' ? null : init.raw,
    });
    const text = await res.body.text();
    const contentType = res.headers['content-type'];
    const body = parseBody(text, Array.isArray(contentType) ? contentType[0] : contentType) as T;
    return { status: res.statusCode, body, latencyMs: performance.now() - started };
  };

  return {
    post: (path, body) =>
      send({ method: 'POST', path, raw: JSON.stringify(body), contentType: 'application/json' }),
    get: (path) => send({ method: 'GET', path, raw: '' }),
    send: (method, path, raw, contentType) =>
      send({ method: method as SendInit['method'], path, raw, contentType }),
    close: () => void pool.close(),
  };
}

/** Posts and never throws: a lost connection is an answer with status 0 (a till retries). */
export async function postSafely(
  client: PosClient,
  path: string,
  body: unknown,
): Promise<PosAnswer> {
  const started = performance.now();
  try {
    return await client.post(path, body);
  } catch (err) {
    const latencyMs = performance.now() - started;
    return { status: 0, body: { error: (err as Error).message }, latencyMs };
  }
}
