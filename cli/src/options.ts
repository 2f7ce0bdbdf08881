import { Option } from 'commander';

/** An option that can also come from `STORESYNC_<NAME>` and a config file key. */
export function envOption(flags: string, description: string, env: string): Option {
  return new Option(flags, description).env(`STORESYNC_${env}`);
}

export function intArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`expected an integer, got "${value}"`);
  return n;
}

export function floatArg(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`expected a number, got "${value}"`);
  return n;
}

export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export const configOption = () =>
  envOption('--config <file>', 'JSON file of option values (camelCase keys)', 'CONFIG');
