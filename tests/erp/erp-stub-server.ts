import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the stub server received it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export type StubResponder = (request: SeenRequest, response: ServerResponse) => void;

/**
 * A bare HTTP server whose answer each test chooses, for statuses and
 * failures the sandbox does not produce on demand.
 */
export async function startStubServer() {
  const seen: SeenRequest[] = [];
  let responder: StubResponder = (_req, res) => res.writeHead(200).end('{}');

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text ? JSON.parse(text) : null,
      };
      seen.push(request);
      responder(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    respond(next: StubResponder) {
      responder = next;
    },
    /** Answers JSON with the given status and headers. */
    answer(status: number, body: unknown = {}, headers: Record<string, string> = {}) {
      responder = (_req, res) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
