import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { applyConfigFile } from './config-file.js';
import { progressLine, whereThingsListen } from './demo/demo-report.js';
import { runDemo } from './demo/run-demo.js';
import { configOption, envOption, intArg } from './options.js';
import { waitForShutdown } from './shutdown.js';

export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'run a whole chain on this machine: ERP sandbox, hub, broker, three stores with tills',
    )
    .addOption(
      envOption('--data-dir <dir>', 'folder for the demo (default: a new temp folder)', 'DATA_DIR'),
    )
    .addOption(
      envOption('--hub-port <port>', 'hub HTTP port, or a free one if taken', 'HUB_PORT')
        .argParser(intArg)
        .default(8080),
    )
    .addOption(
      envOption('--erp-port <port>', 'ERP sandbox port, or a free one if taken', 'ERP_PORT')
        .argParser(intArg)
        .default(8090),
    )
    .addOption(
      envOption('--agent-port <port>', 'first store agent port (then +1, +2)', 'AGENT_PORT')
        .argParser(intArg)
        .default(7401),
    )
    .addOption(
      envOption('--log-level <level>', 'level of the services logs', 'LOG_LEVEL').default('warn'),
    )
    .addOption(configOption())
    .action(async (_opts, command: Command) => {
      applyConfigFile(command);
      const opts = command.opts();
      const dataDir: string = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'storesync-demo-'));

      const demo = await runDemo({
        dataDir,
        hubPort: opts.hubPort,
        erpPort: opts.erpPort,
        firstAgentPort: opts.agentPort,
        logLevel: opts.logLevel,
      });
      process.stdout.write(whereThingsListen(demo, dataDir));
      const ticker = setInterval(() => process.stdout.write(progressLine(demo)), 5_000);

      await waitForShutdown(async () => {
        clearInterval(ticker);
        await demo.close();
      });
    });
}
