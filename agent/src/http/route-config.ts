import type { CaptureKind } from '../capture/capture-kind.js';

/** Per-route settings the shared hooks and the error handler read. */
declare module 'fastify' {
  interface FastifyContextConfig {
    /** Quarantine source of a capture endpoint, e.g. `pos:transactions`. */
    quarantineSource?: string;
    /** What the endpoint captures, for the capture metrics. */
    captureKind?: CaptureKind;
  }

  interface FastifyRequest {
    /** The body exactly as received, kept so refused input can be quarantined verbatim. */
    rawBody: string | null;
  }
}
