import type { AuthenticateError, Client, PublishPacket, Subscription } from 'aedes';
import type { Logger } from 'pino';
import { UNKNOWN_USER_HASH, verifyPassword } from '../credentials/passwords.js';
import type { HubStore } from '../hub-store/hub-store.js';
import type { HubMetrics } from '../metrics/hub-metrics.js';
import { type MqttPrincipal, mayPublish, maySubscribe, principalKey } from './mqtt-principal.js';

/** CONNACK return codes of MQTT 3.1.1 (section 3.2.2.3). */
const IDENTIFIER_REJECTED = 2;
const SERVER_UNAVAILABLE = 3;
const BAD_USERNAME_OR_PASSWORD = 4;

export interface BrokerAccessDeps {
  store: HubStore;
  metrics: HubMetrics;
  logger: Logger;
  /** The hub's own MQTT user and client id (the client id is reserved for it). */
  hubUsername: string;
  hubClientId: string;
}

function refusal(returnCode: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

/**
 * Authentication and ACL of the embedded broker. Logins are checked against
 * the scrypt hashes in hub.db (a store added while the hub runs can log in at
 * once); each connection remembers its principal. A client id belongs to the
 * first principal that used it, so one store cannot take over another store's
 * (or the hub's) persistent session and read what is queued there.
 */
export class BrokerAccess {
  private readonly principals = new WeakMap<Client, MqttPrincipal>();
  private readonly clientIdOwners = new Map<string, string>();

  constructor(private readonly deps: BrokerAccessDeps) {
    this.clientIdOwners.set(deps.hubClientId, principalKey(this.hubPrincipal()));
  }

  /** The principal a live connection logged in as. */
  principalOf(client: Client | null): MqttPrincipal | undefined {
    return client === null ? undefined : this.principals.get(client);
  }

  readonly authenticate = (
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ): void => {
    this.check(username, password).then(
      (principal) => done(...this.admit(client, username, principal)),
      (err: unknown) => {
        this.deps.logger.error({ err, clientId: client.id }, 'mqtt login check failed');
        done(refusal(SERVER_UNAVAILABLE, 'login check failed'), false);
      },
    );
  };

  readonly authorizePublish = (
    client: Client | null,
    packet: PublishPacket,
    done: (error?: Error | null) => void,
  ): void => {
    const principal = this.principalOf(client);
    if (principal !== undefined && mayPublish(principal, packet.topic)) {
      done(null);
      return;
    }

    this.refused('publish', client, packet.topic);
    // MQTT 3.1.1 has no negative PUBACK: the broker drops the message and the connection.
    done(new Error(`not allowed to publish on ${packet.topic}`));
  };

  readonly authorizeSubscribe = (
    client: Client,
    subscription: Subscription,
    done: (error: Error | null, subscription?: Subscription | null) => void,
  ): void => {
    const principal = this.principalOf(client);
    if (principal !== undefined && maySubscribe(principal, subscription.topic)) {
      done(null, subscription);
      return;
    }

    this.refused('subscribe', client, subscription.topic);
    // A null subscription is answered with SUBACK failure 0x80; the connection stays.
    done(null, null);
  };

  /** Frees the client id of a clean session when it disconnects; persistent ones stay owned. */
  released(client: Client): void {
    if (client.clean) this.clientIdOwners.delete(client.id);
  }

  private hubPrincipal(): MqttPrincipal {
    return { kind: 'hub', username: this.deps.hubUsername };
  }

  private async check(
    username: string | undefined,
    password: Buffer | undefined,
  ): Promise<MqttPrincipal | null> {
    if (!username || !password) return null;

    const { store, hubUsername } = this.deps;
    const isHub = username === hubUsername;
    const hash = isHub
      ? store.hubUsers.passwordHashOf(username)
      : store.stores.passwordHashOf(username);
    const valid = await verifyPassword(password, hash ?? UNKNOWN_USER_HASH);
    if (!valid || hash === null) return null;
    return isHub ? this.hubPrincipal() : { kind: 'store', storeId: username };
  }

  private admit(
    client: Client,
    username: string | undefined,
    principal: MqttPrincipal | null,
  ): [AuthenticateError | null, boolean] {
    if (principal === null) {
      this.refused('connect', client, username ?? '(none)');
      return [refusal(BAD_USERNAME_OR_PASSWORD, 'bad username or password'), false];
    }

    const key = principalKey(principal);
    const owner = this.clientIdOwners.get(client.id);
    if (owner !== undefined && owner !== key) {
      this.refused('connect', client, username ?? '(none)');
      return [refusal(IDENTIFIER_REJECTED, 'client id belongs to another user'), false];
    }

    this.clientIdOwners.set(client.id, key);
    this.principals.set(client, principal);
    return [null, true];
  }

  private refused(
    action: 'connect' | 'publish' | 'subscribe',
    client: Client | null,
    what: string,
  ) {
    this.deps.metrics.mqttRefused(action);
    const principal = this.principalOf(client);
    const storeId = principal?.kind === 'store' ? principal.storeId : undefined;
    this.deps.logger.warn({ action, clientId: client?.id, storeId, what }, 'mqtt access refused');
  }
}
