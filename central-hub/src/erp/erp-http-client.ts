import { type ErpCall, errorOfException, errorOfResponse } from './http-failure.js';

/** How the REST adapter authenticates to the ERP. */
export type ErpAuth =
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string };

export interface ErpHttpClientOptions {
  auth?: ErpAuth;
  timeoutMs: number;
  idempotencyHeader: string;
}

export interface ErpHttpRequest extends ErpCall {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
}

export interface ErpHttpAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, the raw text when it is not JSON, or null when empty. */
  body: unknown;
}

/** One ERP exchange: answers 2xx, throws an ErpError for everything else. */
export type ErpHttpClient = (request: ErpHttpRequest) => Promise<ErpHttpAnswer>;

export function authorizationOf(auth: ErpAuth): string {
  if (auth.type === 'bearer') return `Bearer ${auth.token}`;

  const credentials = Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64');
  return `Basic ${credentials}`;
}

function headersOf(request: ErpHttpRequest, options: ErpHttpClientOptions): Headers {
  const headers = new Headers({ accept: 'application/json' });
  if (options.auth) headers.set('authorization', authorizationOf(options.auth));
  if (request.body !== undefined) headers.set('content-type', 'application/json');
  if (request.idempotencyKey) headers.set(options.idempotencyHeader, request.idempotencyKey);
  return headers;
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Sends with the global fetch under one deadline that covers the whole
 * exchange, body included, so a half-answered request cannot hang a poster.
 */
export function createErpHttpClient(options: ErpHttpClientOptions): ErpHttpClient {
  return async (request) => {
    const call: ErpCall = { operation: request.operation, idempotencyKey: request.idempotencyKey };
    let status: number;
    let headers: Headers;
    let body: unknown;
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: headersOf(request, options),
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = response.status;
      headers = response.headers;
      body = parseBody(await response.text());
    } catch (err) {
      throw errorOfException(call, err);
    }

    if (status >= 200 && status < 300) return { status, headers, body };
    throw errorOfResponse(call, status, headers, body);
  };
}
