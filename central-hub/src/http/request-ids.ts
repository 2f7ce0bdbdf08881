import { randomBytes } from 'node:crypto';

/**
 * Request ids `<random prefix>-<counter>`: unique per process and cheap. The
 * hub makes its own rather than trusting a caller's, because audit entries
 * carry them. Answers echo the id in `x-request-id`.
 */
export function createRequestIdGenerator(): () => string {
  const prefix = randomBytes(4).toString('hex');
  let counter = 0;

  return () => {
    counter += 1;
    return `${prefix}-${counter.toString(36)}`;
  };
}
