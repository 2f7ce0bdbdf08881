/** Everything `storesync hub` is started with (see `storesync hub --help`). */
export interface HubConfig {
  dataDir: string;
  /** 0 picks a free port (tests). */
  httpPort: number;
  httpHost: string;
  /** Embedded Aedes broker port when `mqttUrl` is null; 0 picks a free port. */
  mqttPort: number;
  /**
   * Address the embedded broker listens on. Default `0.0.0.0`: stores connect
   * from other machines.
   */
  mqttHost?: string;
  /** An external broker (Mosquitto, EMQX); null runs the embedded broker. */
  mqttUrl: string | null;
  /** The hub's own credentials on an external broker. */
  mqttUsername: string | null;
  mqttPassword: string | null;
  /**
   * Client id of the hub's persistent MQTT session. Default `storesync-hub`;
   * two hubs on one broker need different ids.
   */
  mqttClientId?: string;
  /** ERP base URL for the REST adapter; null keeps events unposted. */
  erpUrl: string | null;
  /** Bearer token for the ERP; or `erpUsername` and `erpPassword` for basic auth. */
  erpToken?: string | null;
  erpUsername?: string | null;
  erpPassword?: string | null;
  /** Deadline of one ERP request, answer included. Default 10 s. */
  erpTimeoutMs?: number;
  /** Documents per posting batch. Default 100. */
  postingBatchSize?: number;
  /** A batch that has not filled up closes this long after its oldest event arrived. */
  postingBatchWindowMs?: number;
  /** ERP requests in flight at once. Default 4. */
  erpConcurrency?: number;
  /** Most ERP requests per second; the pipeline slows below it on 429. Default 20. */
  erpRateLimit?: number;
  logLevel: string;
}

export interface RunningHub {
  httpUrl: string;
  /** Where stores connect: the embedded broker's URL or the external one. */
  mqttUrl: string;
  close(): Promise<void>;
}
