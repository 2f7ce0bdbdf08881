import { addStore, DEFAULT_HUB_CLIENT_ID, startHub } from '@storesync/central-hub';
import { StoresyncError } from '@storesync/protocol';
import { Command } from 'commander';
import { applyConfigFile } from './config-file.js';
import { configOption, envOption, intArg } from './options.js';
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
    )
    .addOption(envOption('--erp-url <url>', 'ERP base URL; none keeps events unposted', 'ERP_URL'))
    .addOption(
      envOption('--log-level <level>', 'pino level: debug, info, warn', 'LOG_LEVEL').default(
        'info',
      ),
    )
    .addOption(configOption());
}

/** `storesync hub`: the central hub (ingest, embedded broker, API) and its `add-store`. */
export function hubCommand(): Command {
  const command = new Command('hub').description(
    'run the central hub: embedded MQTT broker (or an external one), ingest, HTTP API',
  );
  return hubOptions(command)
    .addCommand(addStoreCommand())
    .action(async (_opts, cmd: Command) => {
      applyConfigFile(cmd);
      const opts = cmd.opts();
      if (!opts.dataDir) cmd.error('--data-dir is required (or STORESYNC_DATA_DIR)');

      const hub = await startHub({
        dataDir: opts.dataDir,
        httpPort: opts.httpPort,
        httpHost: opts.httpHost,
        mqttPort: opts.mqttPort,
        mqttHost: opts.mqttHost,
        mqttUrl: opts.mqttUrl ?? null,
        mqttUsername: opts.mqttUsername ?? null,
        mqttPassword: opts.mqttPassword ?? null,
        mqttClientId: opts.mqttClientId,
        erpUrl: opts.erpUrl ?? null,
        logLevel: opts.logLevel,
      });
      await waitForShutdown(() => hub.close());
    });
}
