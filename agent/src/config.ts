/** Everything `storesync agent` is started with (see `storesync agent --help`). */
export interface AgentConfig {
  storeId: string;
  dataDir: string;
  /** 0 picks a free port (tests). */
  httpPort: number;
  httpHost: string;
  terminalTokens: string[];
  /** null runs the store with no hub link at all (trading offline). */
  mqttUrl: string | null;
  mqttUsername: string | null;
  mqttPassword: string | null;
  bodyLimitBytes: number;
  logLevel: string;
}

export interface RunningAgent {
  /** Base URL of the HTTP API, e.g. http://127.0.0.1:7400 */
  url: string;
  close(): Promise<void>;
}
