import { startErpSandbox } from '@storesync/central-hub';
import { StoresyncError } from '@storesync/protocol';
import { Command } from 'commander';
import { applyConfigFile } from './config-file.js';
import { collect, configOption, envOption, floatArg, intArg } from './options.js';
import { waitForShutdown } from './shutdown.js';

interface OutageWindow {
  startsInMs: number;
  durationMs: number;
}

/**
 * `--outage 60000:30000` is an outage from one minute after start, for 30 s.
 * The environment gives them comma-separated; a config file may also list
 * `{ startsInMs, durationMs }` objects.
 */
function parseOutages(value: unknown): OutageWindow[] {
  if (value === undefined) return [];

  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((entry: unknown) => {
    if (typeof entry !== 'string') return [entry as OutageWindow];

    return entry
      .split(',')
      .filter((part) => part.trim() !== '')
      .map((part) => {
        const match = /^\s*(\d+):(\d+)\s*$/.exec(part);
        if (!match) throw new Error(`--outage wants startsInMs:durationMs, got "${part}"`);
        return { startsInMs: Number(match[1]), durationMs: Number(match[2]) };
      });
  });
}

/** `field: message; field: message` of a settings refusal. */
function describeRefusal(err: StoresyncError): string {
  const errors = (err.details.errors ?? []) as { path: string; message: string }[];
  return errors.map((e) => `${e.path} ${e.message}`).join('; ') || err.message;
}

function sandboxOptions(command: Command): Command {
  return command
    .addOption(
      envOption('--port <port>', 'port to listen on; 0 picks a free one', 'PORT')
        .argParser(intArg)
        .default(8090),
    )
    .addOption(envOption('--host <host>', 'address to listen on', 'HOST').default('127.0.0.1'))
    .addOption(
      envOption('--latency-ms <ms>', 'delay before each API answer', 'LATENCY_MS')
        .argParser(intArg)
        .default(0),
    )
    .addOption(
      envOption('--jitter-ms <ms>', 'extra random delay, from 0 to this', 'JITTER_MS')
        .argParser(intArg)
        .default(0),
    )
    .addOption(
      envOption('--rate-limit <rps>', 'requests a second before 429; 0 = no limit', 'RATE_LIMIT')
        .argParser(floatArg)
        .default(0),
    )
    .addOption(
      envOption('--error-rate <share>', 'share of requests answered 500/503 (0..1)', 'ERROR_RATE')
        .argParser(floatArg)
        .default(0),
    )
    .addOption(
      envOption('--hang-rate <share>', 'share of requests never answered (0..1)', 'HANG_RATE')
        .argParser(floatArg)
        .default(0),
    )
    .addOption(
      envOption(
        '--outage <startsInMs:durationMs>',
        'an outage window (503 for everything); repeat for more (env: comma-separated)',
        'OUTAGE',
      ).argParser(collect),
    )
    .addOption(
      envOption(
        '--seed <n>',
        'seed of the fault dice; random (and logged) if not given',
        'SEED',
      ).argParser(intArg),
    )
    .addOption(
      envOption('--currency <code>', 'currency of the price list', 'CURRENCY').default('USD'),
    )
    .addOption(
      envOption('--log-level <level>', 'pino level: debug, info, warn', 'LOG_LEVEL').default(
        'info',
      ),
    )
    .addOption(configOption());
}

/** `storesync erp-sandbox`: the small HTTP ERP for the demo, tests and peak simulations. */
export function erpSandboxCommand(): Command {
  const command = new Command('erp-sandbox').description(
    'run the ERP sandbox: an in-memory HTTP ERP with latency, rate limit, errors and outages',
  );
  return sandboxOptions(command).action(async (_opts, cmd: Command) => {
    applyConfigFile(cmd);
    const opts = cmd.opts();

    let sandbox: Awaited<ReturnType<typeof startErpSandbox>>;
    try {
      sandbox = await startErpSandbox({
        port: opts.port,
        host: opts.host,
        latencyMs: opts.latencyMs,
        jitterMs: opts.jitterMs,
        rateLimit: opts.rateLimit,
        errorRate: opts.errorRate,
        hangRate: opts.hangRate,
        outages: parseOutages(opts.outage),
        seed: opts.seed,
        currency: opts.currency,
        logLevel: opts.logLevel,
      });
    } catch (err) {
      const reason = err instanceof StoresyncError ? describeRefusal(err) : (err as Error).message;
      cmd.error(`cannot start the ERP sandbox: ${reason}`);
    }
    await waitForShutdown(() => sandbox.close());
  });
}
