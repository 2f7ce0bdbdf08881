// Runs the simulated tills in a process of their own, so that in the capture
// benchmark the load generator shares neither the agent's event loop nor its
// heap, garbage collector or libuv pool. The process stays up for every run of
// the benchmark (its JIT is warm after the warm-up run) and runs one set of
// tills per message it gets over the fork IPC channel; it exits on disconnect.
import { type RunTillsOptions, runTills } from '@storesync/agent';

/** What the process sends back: enough for rates and latency percentiles. */
export interface TillsProcessResult {
  sent: number;
  created: number;
  durationMs: number;
  requestLatenciesMs: number[];
}

process.on('message', async (options: RunTillsOptions) => {
  const result = await runTills(options);
  const answer: TillsProcessResult = {
    sent: result.sent.length,
    created: result.answers.filter((a) => a.status === 201).length,
    durationMs: result.durationMs,
    requestLatenciesMs: result.requestLatenciesMs,
  };
  process.send?.(answer);
});
