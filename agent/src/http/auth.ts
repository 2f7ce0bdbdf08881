import { createHash, timingSafeEqual } from 'node:crypto';
import { StoresyncError } from '@storesync/protocol';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';

/** Checks a presented terminal token against the configured ones. */
export type TokenCheck = (presented: string | null) => boolean;

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Compares digests in constant time and never stops at the first match, so
 * the answer time tells an attacker nothing about how close a guess was.
 */
export function createTokenCheck(tokens: readonly string[]): TokenCheck {
  const known = tokens.filter((t) => t !== '').map(digest);

  return (presented) => {
    if (presented === null || presented === '') return false;

    const candidate = digest(presented);
    let matched = false;
    for (const token of known) matched = timingSafeEqual(token, candidate) || matched;
    return matched;
  };
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;

  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** True for a request from this machine (the tray app, a local script). */
export function isLoopback(request: FastifyRequest): boolean {
  const address = request.socket.remoteAddress ?? '';
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function unauthorized(): StoresyncError {
  return new StoresyncError(
    'UNAUTHORIZED',
    'send a known terminal token as "Authorization: Bearer <token>"',
  );
}

/** Hook for the capture endpoints: a till must always present its token. */
export function requireTerminal(check: TokenCheck): onRequestAsyncHookHandler {
  return async (request) => {
    if (!check(bearerToken(request.headers.authorization))) throw unauthorized();
  };
}

/**
 * Hook for the read and operator endpoints: the store's own machine may ask
 * without a token (the tray app has none); anyone else needs a terminal token.
 */
export function requireTerminalOrLoopback(check: TokenCheck): onRequestAsyncHookHandler {
  return async (request) => {
    if (isLoopback(request)) return;
    if (!check(bearerToken(request.headers.authorization))) throw unauthorized();
  };
}
