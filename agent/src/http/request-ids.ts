import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A till's own request id is kept if it is a plain short id (it becomes the correlationId). */
const CLIENT_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Request ids: the till's `x-request-id` when it is usable, else a
 * process-unique `<random prefix>-<counter>` that costs nothing per request.
 */
export function createRequestIdGenerator(): (request: IncomingMessage) => string {
  const prefix = randomBytes(4).toString('hex');
  let counter = 0;

  return (request) => {
    const given = request.headers['x-request-id'];
    if (typeof given === 'string' && CLIENT_ID.test(given)) return given;
    counter += 1;
    return `${prefix}-${counter.toString(36)}`;
  };
}
