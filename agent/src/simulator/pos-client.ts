import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

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

function headersFor(token: string | null, raw: string, contentType?: string) {
  const headers: Record<string, string | number> = { 'content-length': Buffer.byteLength(raw) };
  if (contentType) headers['content-type'] = contentType;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return headers;
}

function exchange<T>(
  agent: Agent,
  options: PosClientOptions,
  init: { method: string; path: string; raw: string; contentType?: string },
): Promise<PosAnswer<T>> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const url = new URL(init.path, options.baseUrl);
    const headers = headersFor(options.token, init.raw, init.contentType);

    const req = request(url, { method: init.method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const body = parseBody(text, res.headers['content-type']) as T;
        resolve({ status: res.statusCode ?? 0, body, latencyMs: performance.now() - started });
      });
    });
    req.on('error', reject);
    req.end(init.raw);
  });
}

/** Creates a client over node:http with its own keep-alive connection pool. */
export function createPosClient(options: PosClientOptions): PosClient {
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? Infinity });
  const json = 'application/json';

  return {
    post: (path, body) =>
      exchange(agent, options, {
        method: 'POST',
        path,
        raw: JSON.stringify(body),
        contentType: json,
      }),
    get: (path) => exchange(agent, options, { method: 'GET', path, raw: '' }),
    send: (method, path, raw, contentType) =>
      exchange(agent, options, { method, path, raw, contentType }),
    close: () => agent.destroy(),
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
