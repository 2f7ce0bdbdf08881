import { topics } from '@storesync/protocol';
import type { StoreDb } from '@storesync/store-db';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { backoffDelayMs } from './backoff.js';
import { handleDownlink } from './downlink.js';
import { DEFAULT_LINK_OPTIONS, type LinkOptions } from './link-options.js';
import { OutboxDrain } from './outbox-drain.js';
import { offlineStatus, onlineStatus } from './status-message.js';

export interface HubLinkParams {
  storeId: string;
  url: string;
  username: string | null;
  password: string | null;
  db: StoreDb;
  logger: Logger;
  agentVersion: string;
  options?: Partial<LinkOptions>;
}

/**
 * The store's connection to the hub over MQTT: a persistent session, a
 * retained status with a last will, heartbeats, the outbox drain and the
 * downlink. Reconnects on its own with jittered exponential backoff.
 */
export class HubLink {
  private readonly options: LinkOptions;
  private readonly drain: OutboxDrain;
  private readonly logger: Logger;
  private client: MqttClient | null = null;
  private online = false;
  private closing = false;
  private reconnectAttempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;

  constructor(private readonly params: HubLinkParams) {
    this.options = { ...DEFAULT_LINK_OPTIONS, ...params.options };
    this.logger = params.logger.child({ component: 'hub-link' });
    this.drain = new OutboxDrain({
      db: params.db,
      storeId: params.storeId,
      logger: this.logger,
      options: this.options,
      publish: (topic, payload) => this.publish(topic, payload),
    });
  }

  start(): void {
    const { storeId, url, username, password, agentVersion } = this.params;
    const client = mqtt.connect(url, {
      clientId: `storesync-agent-${storeId}`,
      clean: false,
      protocolVersion: 4,
      username: username ?? undefined,
      password: password ?? undefined,
      keepalive: 30,
      connectTimeout: 10_000,
      // Reconnects are ours (jittered backoff); mqtt.js would retry at a fixed pace.
      reconnectPeriod: 0,
      will: {
        topic: topics.status(storeId),
        payload: Buffer.from(JSON.stringify(offlineStatus(storeId, agentVersion))),
        qos: 1,
        retain: true,
      },
    });
    this.client = client;

    client.on('connect', (connack) => this.onConnect(connack.sessionPresent));
    client.on('close', () => this.onClose());
    client.on('error', (err) => this.logger.warn({ err: err.message }, 'hub link error'));
    client.on('message', (topic, payload) => {
      handleDownlink(
        { storeId, db: this.params.db, drain: this.drain, logger: this.logger },
        topic,
        payload,
      );
    });

    this.pollTimer = setInterval(() => this.drain.pump(), this.options.pollIntervalMs);
  }

  drainNow(): void {
    this.drain.pump();
  }

  state(): { online: boolean; lastAckAt: string | null } {
    return { online: this.online, lastAckAt: this.params.db.lastAckAt() };
  }

  async close(): Promise<void> {
    this.closing = true;
    this.clearTimers();
    this.drain.linkDown();

    const client = this.client;
    if (!client) return;
    if (this.online) {
      const payload = JSON.stringify(offlineStatus(this.params.storeId, this.params.agentVersion));
      await client
        .publishAsync(topics.status(this.params.storeId), payload, { qos: 1, retain: true })
        .catch(() => undefined);
    }
    await client.endAsync();
  }

  private async onConnect(sessionPresent: boolean): Promise<void> {
    const { storeId } = this.params;
    this.online = true;
    this.reconnectAttempt = 0;
    this.logger.info({ sessionPresent }, 'hub link up');

    try {
      const downlink = [topics.acks(storeId), topics.commands(storeId), topics.pricebook(storeId)];
      await this.client?.subscribeAsync(downlink, { qos: 1 });
      this.publishHeartbeat();
      this.heartbeatTimer ??= setInterval(
        () => this.publishHeartbeat(),
        this.options.heartbeatIntervalMs,
      );
      this.drain.linkUp();
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'hub link setup failed');
    }
  }

  private onClose(): void {
    if (this.online) this.logger.warn('hub link down');
    this.online = false;
    this.drain.linkDown();
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closing || this.reconnectTimer) return;

    const delay = backoffDelayMs(
      this.reconnectAttempt++,
      this.options.reconnectBaseMs,
      this.options.reconnectCapMs,
    );
    this.logger.debug({ delay, attempt: this.reconnectAttempt }, 'hub link reconnect scheduled');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closing) this.client?.reconnect();
    }, delay);
  }

  private publishHeartbeat(): void {
    const status = onlineStatus(this.params.db, this.params.agentVersion);
    this.publish(topics.status(this.params.storeId), JSON.stringify(status), true).catch(
      (err: unknown) => this.logger.debug({ err }, 'heartbeat not published'),
    );
  }

  private async publish(topic: string, payload: string, retain = false): Promise<void> {
    const client = this.client;
    if (!client || !this.online) throw new Error('hub link is down');
    await client.publishAsync(topic, payload, { qos: 1, retain });
  }

  private clearTimers(): void {
    for (const timer of [this.reconnectTimer, this.heartbeatTimer]) {
      if (timer) clearTimeout(timer);
    }
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.reconnectTimer = null;
    this.heartbeatTimer = null;
    this.pollTimer = null;
  }
}
