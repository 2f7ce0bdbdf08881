import {
  addStore,
  DEFAULT_HUB_CLIENT_ID,
  type HubConfig,
  type RunningHub,
  startHub,
} from '@storesync/central-hub';
import { StoresyncError } from '@storesync/protocol';
import { Command } from 'commander';
import { applyConfigFile } from './config-file.js';
import { addOperatorCommand } from './hub-operator-command.js';
import { configOption, envOption, floatArg, intArg } from './options.js';
import { waitForShutdown } from './shutdown.js';

/**
 * `storesync hub add-store <storeId>`: provisions a store and prints its MQTT
 * login as one JSON line. No --config: config files refuse keys a command does
 * not have, so the hub's own file could not be shared with this command.
 */
function addStoreCommand(): Command {
  return new Command('add-store')
    .description('add a store (or give it a new password) and print its MQTT login as JSON')
    .argument('<storeId>', 'the store id, e.g. S001; also its MQTT username')
    .addOption(envOption('--data-dir <dir>', 'folder of the hub database (required)', 'DATA_DIR'))
    .addOption(envOption('--name <name>', 'display name, e.g. "Downtown"', 'NAME'))
    .action((storeId: string, _opts, command: Command) => {
      // `hub` knows --data-dir too and may have parsed it first (root program options
      // are not positional), so read it from either.
      const opts = command.optsWithGlobals();
      if (!opts.dataDir) command.error('--data-dir is required (or STORESYNC_DATA_DIR)');

      try {
        const created = addStore(opts.dataDir, storeId, opts.name ?? null);
        const { mqttUsername, mqttPassword } = created;
        process.stdout.write(`${JSON.stringify({ storeId, mqttUsername, mqttPassword })}\n`);
      } catch (err) {
        if (!(err instanceof StoresyncError)) throw err;
        command.error(`cannot add store ${storeId}: ${err.message} (${err.code})`);
      }
    });
}

function hubOptions(command: Command): Command {
  return command
    .addOption(envOption('--data-dir <dir>', 'folder of hub.db (required)', 'DATA_DIR'))
    .addOption(
      envOption('--http-port <port>', 'port of the console, API and metrics', 'HTTP_PORT')
        .argParser(intArg)
        .default(8080),
    )
    .addOption(
      envOption('--http-host <host>', 'address the HTTP API listens on', 'HTTP_HOST').default(
        '127.0.0.1',
      ),
    )
    .addOption(
      envOption('--mqtt-port <port>', 'port of the embedded broker', 'MQTT_PORT')
        .argParser(intArg)
        .default(1883),
    )
    .addOption(
      envOption(
        '--mqtt-host <host>',
        'address the embedded broker listens on',
        'MQTT_HOST',
      ).default('0.0.0.0'),
    )
    .addOption(
      envOption(
        '--mqtt-url <url>',
        'external broker instead of the embedded one',
        'MQTT_URL',
      ).conflicts(['mqttPort', 'mqttHost']),
    )
    .addOption(
      envOption('--mqtt-username <name>', 'hub username on the external broker', 'MQTT_USERNAME'),
    )
    .addOption(
      envOption('--mqtt-password <secret>', 'hub password on the external broker', 'MQTT_PASSWORD'),
    )
    .addOption(
      envOption('--mqtt-client-id <id>', 'client id of the hub session', 'MQTT_CLIENT_ID').default(
        DEFAULT_HUB_CLIENT_ID,
      ),
    );
}

/** The ERP and its posting pipeline: where, who, and how hard to push it. */
function erpOptions(command: Command): Command {
  return command
    .addOption(envOption('--erp-url <url>', 'ERP base URL; none keeps events unposted', 'ERP_URL'))
    .addOption(
      envOption('--erp-token <token>', 'bearer token for the ERP', 'ERP_TOKEN').conflicts([
        'erpUsername',
        'erpPassword',
      ]),
    )
    .addOption(envOption('--erp-username <name>', 'ERP basic-auth username', 'ERP_USERNAME'))
    .addOption(envOption('--erp-password <secret>', 'ERP basic-auth password', 'ERP_PASSWORD'))
    .addOption(
      envOption('--erp-timeout-ms <ms>', 'deadline of one ERP request', 'ERP_TIMEOUT_MS')
        .argParser(intArg)
        .default(10_000),
    )
    .addOption(
      envOption('--posting-batch-size <n>', 'documents per ERP posting batch', 'POSTING_BATCH_SIZE')
        .argParser(intArg)
        .default(100),
    )
    .addOption(
      envOption(
        '--posting-batch-window-ms <ms>',
        'a batch that has not filled up is sent this long after its oldest event arrived',
        'POSTING_BATCH_WINDOW_MS',
      )
        .argParser(intArg)
        .default(2000),
    )
    .addOption(
      envOption('--erp-concurrency <n>', 'ERP requests in flight at once', 'ERP_CONCURRENCY')
        .argParser(intArg)
        .default(4),
    )
    .addOption(
      envOption(
        '--erp-rate-limit <rps>',
        'most ERP requests a second; slows down further on 429',
        'ERP_RATE_LIMIT',
      )
        .argParser(floatArg)
        .default(20),
    );
}

/** Options every long-running command ends with. */
function loggingAndConfigOptions(command: Command): Command {
  return command
    .addOption(
      envOption('--log-level <level>', 'pino level: debug, info, warn', 'LOG_LEVEL').default(
        'info',
      ),
    )
    .addOption(configOption());
}

/** The hub's configuration from its parsed options. */
function hubConfigOf(opts: Record<string, string | number | undefined>): HubConfig {
  const text = (key: string) => (opts[key] as string | undefined) ?? null;
  return {
    dataDir: opts.dataDir as string,
    httpPort: opts.httpPort as number,
    httpHost: opts.httpHost as string,
    mqttPort: opts.mqttPort as number,
    mqttHost: opts.mqttHost as string,
    mqttUrl: text('mqttUrl'),
    mqttUsername: text('mqttUsername'),
    mqttPassword: text('mqttPassword'),
    mqttClientId: opts.mqttClientId as string,
    erpUrl: text('erpUrl'),
    erpToken: text('erpToken'),
    erpUsername: text('erpUsername'),
    erpPassword: text('erpPassword'),
    erpTimeoutMs: opts.erpTimeoutMs as number,
    postingBatchSize: opts.postingBatchSize as number,
    postingBatchWindowMs: opts.postingBatchWindowMs as number,
    erpConcurrency: opts.erpConcurrency as number,
    erpRateLimit: opts.erpRateLimit as number,
    logLevel: opts.logLevel as string,
  };
}

/** `storesync hub`: the central hub (ingest, embedded broker, API) and its `add-store`. */
export function hubCommand(): Command {
  const command = new Command('hub').description(
    'run the central hub: embedded MQTT broker (or an external one), ingest, HTTP API',
  );
  return loggingAndConfigOptions(erpOptions(hubOptions(command)))
    .addCommand(addStoreCommand())
    .addCommand(addOperatorCommand())
    .action(async (_opts, cmd: Command) => {
      applyConfigFile(cmd);
      const opts = cmd.opts();
      if (!opts.dataDir) cmd.error('--data-dir is required (or STORESYNC_DATA_DIR)');

      let hub: RunningHub;
      try {
        hub = await startHub(hubConfigOf(opts));
      } catch (err) {
        if (!(err instanceof StoresyncError) || err.code !== 'VALIDATION_FAILED') throw err;
        cmd.error(`cannot start the hub: ${err.message}`);
      }
      await waitForShutdown(() => hub.close());
    });
}
