import { readFileSync } from 'node:fs';
import { startAgent } from '@storesync/agent';
import { Command } from 'commander';
import { applyConfigFile } from './config-file.js';
import { collect, configOption, envOption, intArg } from './options.js';
import { waitForShutdown } from './shutdown.js';

function readTokensFile(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function agentCommand(): Command {
  return new Command('agent')
    .description('run the store agent: POS intake API, outbox drain to the hub, status API')
    .addOption(envOption('--store-id <id>', 'this store id, e.g. S001 (required)', 'STORE_ID'))
    .addOption(envOption('--data-dir <dir>', 'folder of the store database', 'DATA_DIR'))
    .addOption(
      envOption('--http-port <port>', 'port of the POS and status API', 'HTTP_PORT')
        .argParser(intArg)
        .default(7400),
    )
    .addOption(
      envOption('--http-host <host>', 'address to listen on', 'HTTP_HOST').default('127.0.0.1'),
    )
    .addOption(
      envOption(
        '--terminal-token <token>',
        'bearer token a till must present; repeat for each till (env: comma-separated)',
        'TERMINAL_TOKEN',
      ).argParser(collect),
    )
    .addOption(
      envOption(
        '--terminal-tokens-file <file>',
        'file of tokens, one a line',
        'TERMINAL_TOKENS_FILE',
      ),
    )
    .addOption(envOption('--mqtt-url <url>', 'broker of the hub link', 'MQTT_URL'))
    .addOption(envOption('--mqtt-username <name>', 'MQTT username (the store id)', 'MQTT_USERNAME'))
    .addOption(envOption('--mqtt-password <secret>', 'MQTT password', 'MQTT_PASSWORD'))
    .addOption(
      envOption('--body-limit <bytes>', 'largest POS request body accepted', 'BODY_LIMIT')
        .argParser(intArg)
        .default(1_048_576),
    )
    .addOption(
      envOption('--log-level <level>', 'pino level: debug, info, warn', 'LOG_LEVEL').default(
        'info',
      ),
    )
    .addOption(configOption())
    .action(async (_opts, command: Command) => {
      applyConfigFile(command);
      const opts = command.opts();

      if (!opts.storeId) command.error('--store-id is required (or STORESYNC_STORE_ID)');
      if (!opts.dataDir) command.error('--data-dir is required (or STORESYNC_DATA_DIR)');

      const tokens = normaliseTokens(opts.terminalToken);
      if (opts.terminalTokensFile) tokens.push(...readTokensFile(opts.terminalTokensFile));
      if (tokens.length === 0) command.error('at least one --terminal-token is required');

      const agent = await startAgent({
        storeId: opts.storeId,
        dataDir: opts.dataDir,
        httpPort: opts.httpPort,
        httpHost: opts.httpHost,
        terminalTokens: tokens,
        mqttUrl: opts.mqttUrl ?? null,
        mqttUsername: opts.mqttUsername ?? null,
        mqttPassword: opts.mqttPassword ?? null,
        bodyLimitBytes: opts.bodyLimit,
        logLevel: opts.logLevel,
      });
      await waitForShutdown(() => agent.close());
    });
}

/** Tokens from the environment arrive as one comma-separated string. */
function normaliseTokens(value: unknown): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list
    .flatMap((v: string) => v.split(','))
    .map((t) => t.trim())
    .filter(Boolean);
}
