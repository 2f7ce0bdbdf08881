import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const CLI = new URL('../../cli/bin/storesync.mjs', import.meta.url).pathname;

export interface RunningCli {
  child: ChildProcess;
  /** The first JSON log line whose msg matched. */
  ready: Record<string, unknown>;
  logs: string[];
  /** Ends the process with SIGKILL: no shutdown code runs, as in a power cut. */
  kill(): Promise<void>;
  /** SIGTERM and wait: the graceful path. */
  stop(): Promise<void>;
}

/**
 * Starts `storesync <args>` as a child process and resolves once it logs the
 * JSON line whose `msg` is `readyMsg` (the processes log their real ports there).
 */
export async function startCli(
  args: string[],
  readyMsg: string,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<RunningCli> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));

  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A process that never got ready must not outlive the test that started it.
      child.kill('SIGKILL');
      reject(new Error(`storesync ${args[0]} not ready in ${timeoutMs} ms:\n${logs.join('')}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      logs.push(line);
      const entry = parseJsonLine(line);
      if (entry?.msg === readyMsg) {
        clearTimeout(timer);
        resolve(entry);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`storesync ${args[0]} exited ${code}:\n${logs.join('\n')}`));
    });
  });

  return {
    child,
    ready,
    logs,
    kill: () => signal(child, 'SIGKILL'),
    stop: () => signal(child, 'SIGTERM'),
  };
}

async function signal(child: ChildProcess, sig: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(sig);
  await exited;
}

function parseJsonLine(line: string): Record<string, unknown> | null {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Runs `storesync <args>` to completion and returns its stdout. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`storesync ${args.join(' ')} exited ${code}: ${err}`);
  return out;
}
