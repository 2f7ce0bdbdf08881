import {
  createDeadLetterService,
  createHubLogger,
  createHubMetrics,
  createPendingReader,
  createPostingMetrics,
  createPostingOverview,
  createRestErpAdapter,
  type DeadLetterService,
  type ErpAdapter,
  type ErpSandboxOptions,
  type HubMetrics,
  type HubStore,
  openHubStore,
  type PostingOptions,
  type PostingOverview,
  PostingPipeline,
  type RunningErpSandbox,
  startErpSandbox,
} from '@storesync/central-hub';
import type { Logger } from 'pino';
import { tempDir } from '../support/temp-dir.js';
import { type AdapterCall, recordingAdapter } from './recording-adapter.js';

/** Fast pacing for tests: small windows and ticks, short cooldowns. */
export const FAST: Partial<PostingOptions> = {
  batchSize: 10,
  batchWindowMs: 50,
  tickMs: 10,
  concurrency: 4,
  rateLimit: 200,
  retryBaseMs: 20,
  retryMaxMs: 200,
  circuitCooldownMs: 200,
  circuitMaxCooldownMs: 400,
  authPauseMs: 300,
  drainTimeoutMs: 2000,
};

/** An in-process hub store and ERP sandbox, with the posting pipeline between them. */
export interface PostingRig {
  dataDir: string;
  store: HubStore;
  sandbox: RunningErpSandbox;
  hubMetrics: HubMetrics;
  pipeline: PostingPipeline;
  deadLetters: DeadLetterService;
  overview: PostingOverview;
  /** Every ERP call the pipeline made, in order. */
  calls: AdapterCall[];
  /** The recording adapter the pipeline sends through; set `beforeSend` to look in. */
  adapter: ReturnType<typeof recordingAdapter>;
  /** Closes the pipeline only (hub.db and the sandbox stay), e.g. before a restart. */
  stopPipeline(): Promise<void>;
  close(): Promise<void>;
}

export interface RigOptions {
  sandbox?: ErpSandboxOptions;
  posting?: Partial<PostingOptions>;
  /** Another ERP than the sandbox (a stub server); the sandbox still runs. */
  erpUrl?: string;
  logger?: Logger;
  /** Leave the pipeline stopped; the test calls `pipeline.start()`. */
  manualStart?: boolean;
  /** An existing data dir (a restart); a fresh one otherwise. */
  dataDir?: string;
  /** An already running sandbox, kept open by `close()`. */
  existingSandbox?: RunningErpSandbox;
  /** The pipeline's clock; default the real one. */
  now?: () => Date;
  /** Deadline of one ERP request; default 2 s. */
  erpTimeoutMs?: number;
}

function pipelineOf(
  store: HubStore,
  hubMetrics: HubMetrics,
  adapter: ErpAdapter,
  options: RigOptions,
) {
  const now = options.now ?? (() => new Date());
  const openCount = store.db
    .prepare("SELECT COUNT(*) FROM dead_letters WHERE state = 'open'")
    .pluck();
  const metrics = createPostingMetrics(hubMetrics.registry, {
    pending: createPendingReader(store.db),
    openDeadLetters: () => openCount.get() as number,
    now,
  });
  const logger = options.logger ?? createHubLogger('silent');
  const posting = { ...FAST, ...options.posting };
  return new PostingPipeline({ store, adapter, metrics, logger, options: posting, now });
}

/** Starts a rig; `close()` removes everything it created. */
export async function startPostingRig(options: RigOptions = {}): Promise<PostingRig> {
  const dir = options.dataDir === undefined ? tempDir('posting-') : null;
  const dataDir = options.dataDir ?? (dir?.path as string);
  const store = openHubStore(dataDir);
  const sandbox = options.existingSandbox ?? (await startErpSandbox(options.sandbox));
  const hubMetrics = createHubMetrics(store.stores);

  const erpUrl = options.erpUrl ?? sandbox.url;
  const calls: AdapterCall[] = [];
  const timeoutMs = options.erpTimeoutMs ?? 2000;
  const adapter = recordingAdapter(createRestErpAdapter({ baseUrl: erpUrl, timeoutMs }), calls);
  const pipeline = pipelineOf(store, hubMetrics, adapter, options);
  const logger = createHubLogger('silent');
  const batchSize = options.posting?.batchSize ?? (FAST.batchSize as number);
  const deadLetters = createDeadLetterService({
    store,
    logger,
    batchSize,
    onReplay: () => pipeline.poke(),
  });
  const overview = createPostingOverview({ store, status: () => pipeline.status() });
  if (!options.manualStart) pipeline.start();

  return {
    dataDir,
    store,
    sandbox,
    hubMetrics,
    pipeline,
    deadLetters,
    overview,
    calls,
    adapter,
    stopPipeline: () => pipeline.close(),
    async close() {
      await pipeline.close();
      store.close();
      if (options.existingSandbox === undefined) await sandbox.close();
      dir?.remove();
    },
  };
}
