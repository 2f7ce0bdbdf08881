import { Command } from 'commander';
import { agentCommand } from './agent-command.js';

const program = new Command()
  .name('storesync')
  .description('Store-edge sync: POS capture at the store, a hub, and governed ERP posting')
  .showHelpAfterError();

program.addCommand(agentCommand());

await program.parseAsync(process.argv);
