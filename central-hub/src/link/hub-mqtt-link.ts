import { EventEmitter } from 'node:events';
import { topics } from '@storesync/protocol';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';

export interface HubMqttLinkOptions {
  url: string;
  username: string | null;
  password: string | null;
  /** Fixed, so the broker keeps the hub's session while it is away. */
  clientId: string;
  logger: Logger;
}

/**
 * Handles one delivered message synchronously. The hub PUBACKs the message to
 * the broker only after this returns, so whatever it commits is committed first.
 */
export type MessageHandler = (topic: string, payload: Buffer) => void;

const SUBSCRIPTIONS = [topics.allEvents(), topics.allStatus()];

/**
 * The hub's own MQTT client, the same on the embedded and an external broker:
 * a persistent session (clean: false) subscribed QoS 1 to every store's
 * batches and status. mqtt.js hands over one message at a time, which is the
 * order the batches are committed and acked in.
 */
export class HubMqttLink {
  private readonly client: MqttClient;
  private readonly events = new EventEmitter();
  private subscribed = false;
  /** The last error logged at warn; repeats while reconnecting go to debug. */
  private lastError: string | null = null;

  constructor(
    private readonly options: HubMqttLinkOptions,
    handler: MessageHandler,
  ) {
    this.client = mqtt.connect(options.url, {
      clientId: options.clientId,
      clean: false,
      protocolVersion: 4,
      username: options.username ?? undefined,
      password: options.password ?? undefined,
      keepalive: 30,
      connectTimeout: 10_000,
      reconnectPeriod: 1000,
      resubscribe: false,
    });
    this.client.handleMessage = (packet, done) => {
      this.deliver(handler, packet.topic, packet.payload);
      done();
    };
    this.client.on('connect', () => this.subscribe());
    this.client.on('close', () => {
      if (this.subscribed) options.logger.warn({ url: options.url }, 'hub mqtt link down');
      this.subscribed = false;
      this.events.emit('down');
    });
    this.client.on('error', (err) => this.logError(err.message));
  }

  /** Connected and subscribed: messages flow. */
  get connected(): boolean {
    return this.client.connected && this.subscribed;
  }

  /**
   * True once subscribed; false when the connection closes first (broker down or
   * login refused) or nothing happened within `timeoutMs`. The client keeps retrying.
   */
  ready(timeoutMs: number): Promise<boolean> {
    if (this.connected) return Promise.resolve(true);

    return new Promise((resolve) => {
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.events.off('subscribed', up);
        this.events.off('down', down);
        resolve(ok);
      };
      const up = () => finish(true);
      const down = () => finish(false);
      const timer = setTimeout(down, timeoutMs);
      this.events.once('subscribed', up);
      this.events.once('down', down);
    });
  }

  /** QoS 1 publish; a failure is logged, the store's ack timeout makes it resend. */
  publish(topic: string, payload: string): void {
    this.client.publish(topic, payload, { qos: 1 }, (err) => {
      if (err) this.options.logger.warn({ err: err.message, topic }, 'hub publish failed');
    });
  }

  /** Disconnects and keeps the session, so the broker queues for the hub while it is away. */
  async close(): Promise<void> {
    await this.client.endAsync();
  }

  private subscribe(): void {
    this.client.subscribe(SUBSCRIPTIONS, { qos: 1 }, (err, granted) => {
      const refused = granted?.some((g) => g.qos === 0x80);
      if (err || refused) {
        const reason = err?.message ?? 'subscription refused';
        this.options.logger.error({ err: reason, url: this.options.url }, 'hub subscribe failed');
        return;
      }
      this.subscribed = true;
      this.lastError = null;
      this.events.emit('subscribed');
      this.options.logger.info({ url: this.options.url }, 'hub mqtt link up');
    });
  }

  private logError(message: string): void {
    const level = message === this.lastError ? 'debug' : 'warn';
    this.lastError = message;
    this.options.logger[level]({ err: message, url: this.options.url }, 'hub mqtt link error');
  }

  private deliver(handler: MessageHandler, topic: string, payload: Buffer | string): void {
    try {
      handler(topic, typeof payload === 'string' ? Buffer.from(payload) : payload);
    } catch (err) {
      this.options.logger.error({ err, topic }, 'hub message handler failed');
    }
  }
}
