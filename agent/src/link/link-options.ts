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
  // Fewer, larger batches: each costs the store two fsyncs (claim, ack) and the
  // hub one commit, whatever its size. 1 MiB stays far under MQTT's 256 MB and
  // Mosquitto's default message_size_limit (none); the hub takes up to 5,000 events.
  maxBatchEvents: 2000,
  maxBatchBytes: 1024 * 1024,
  // Four batches of up to 2,000 keep the hub's ingest busy while acks travel back.
  windowSize: 4,
  ackTimeoutMs: 30_000,
  pollIntervalMs: 250,
  heartbeatIntervalMs: 15_000,
  reconnectBaseMs: 500,
  reconnectCapMs: 30_000,
};
