import { Command } from 'commander';
import { agentCommand } from './agent-command.js';
import { demoCommand } from './demo-command.js';
import { erpSandboxCommand } from './erp-sandbox-command.js';
import { hubCommand } from './hub-command.js';

const program = new Command()
  .name('storesync')
  .description('Store-edge sync: POS capture at the store, a hub, and governed ERP posting')
  .showHelpAfterError();

program.addCommand(agentCommand());
program.addCommand(hubCommand());
program.addCommand(erpSandboxCommand());
program.addCommand(demoCommand());

await program.parseAsync(process.argv);
