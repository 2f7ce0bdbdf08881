import { addOperator, OPERATOR_ROLES, type OperatorRole } from '@storesync/central-hub';
import { StoresyncError } from '@storesync/protocol';
import { Command } from 'commander';
import { envOption } from './options.js';

/** The whole of stdin without its final line break: a password piped or typed then Ctrl-D. */
async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * `storesync hub add-operator <username>`: adds a console operator (or gives one
 * a new password) and prints `{"username","role","password"}` as one JSON line.
 */
export function addOperatorCommand(): Command {
  return new Command('add-operator')
    .description(
      'add a console operator (or give one a new password, ending their sessions) ' +
        'and print the login as JSON',
    )
    .argument('<username>', 'login name, e.g. alice (stored in lower case)')
    .addOption(envOption('--data-dir <dir>', 'folder of the hub database (required)', 'DATA_DIR'))
    .addOption(
      envOption(
        '--role <role>',
        'operator (may replay and discard dead letters) or viewer (read only); ' +
          'default: the current role, operator for a new account',
        'OPERATOR_ROLE',
      ).choices(OPERATOR_ROLES),
    )
    .addOption(
      envOption(
        '--password-stdin',
        'read the password (at least 12 characters) from stdin instead of generating one',
        'PASSWORD_STDIN',
      ),
    )
    .action(async (username: string, _opts, command: Command) => {
      // `hub` knows --data-dir too and may have parsed it first.
      const opts = command.optsWithGlobals();
      if (!opts.dataDir) command.error('--data-dir is required (or STORESYNC_DATA_DIR)');

      const password = opts.passwordStdin ? await readPasswordFromStdin() : undefined;
      try {
        const role = opts.role as OperatorRole | undefined;
        const created = addOperator(opts.dataDir, username, { role, password });
        process.stdout.write(`${JSON.stringify(created)}\n`);
      } catch (err) {
        if (!(err instanceof StoresyncError)) throw err;
        command.error(`cannot add operator ${username}: ${err.message} (${err.code})`);
      }
    });
}
