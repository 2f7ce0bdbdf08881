import { readFileSync } from 'node:fs';
import type { Command } from 'commander';

/**
 * Fills options that were neither given on the command line nor in the
 * environment from a JSON config file whose keys are the camelCase option
 * names (`storeId` for `--store-id`). Precedence: flag, env, file, default.
 */
export function applyConfigFile(command: Command): void {
  const path = command.getOptionValue('config') as string | undefined;
  if (!path) return;

  let fromFile: Record<string, unknown>;
  try {
    fromFile = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    command.error(`cannot read config file ${path}: ${(err as Error).message}`);
  }

  const known = new Set(command.options.map((o) => o.attributeName()));
  for (const [key, value] of Object.entries(fromFile)) {
    if (!known.has(key)) command.error(`config file ${path}: unknown key "${key}"`);

    const source = command.getOptionValueSource(key);
    if (source === undefined || source === 'default') {
      command.setOptionValueWithSource(key, value, 'config');
    }
  }
}
