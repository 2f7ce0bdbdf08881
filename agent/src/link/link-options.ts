/** Tuning of the hub link; the defaults suit a store on a shop's broadband line. */
export interface LinkOptions {
  /** Events per batch message. */
  maxBatchEvents: number;
  /** Bytes per batch message (stays well under broker message limits). */
  maxBatchBytes: number;
  /** Batches published and not yet acknowledged by the hub. */
  windowSize: number;
  /** A batch with no hub ack by then is released for a resend. */
  ackTimeoutMs: number;
  /** How often the drain looks for new captures when idle. */
  pollIntervalMs: number;
  heartbeatIntervalMs: number;
  reconnectBaseMs: number;
  reconnectCapMs: number;
}

export const DEFAULT_LINK_OPTIONS: LinkOptions = {
  maxBatchEvents: 500,
  maxBatchBytes: 512 * 1024,
  windowSize: 8,
  ackTimeoutMs: 30_000,
  pollIntervalMs: 250,
  heartbeatIntervalMs: 15_000,
  reconnectBaseMs: 500,
  reconnectCapMs: 30_000,
};
