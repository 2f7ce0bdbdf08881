// Runs the simulated tills on a thread of their own, so that in the capture
// benchmark the load generator does not share the agent's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { type RunTillsOptions, runTills } from '@storesync/agent';

/** What the worker sends back: enough for rates and latency percentiles. */
export interface TillsWorkerResult {
  sent: number;
  created: number;
  durationMs: number;
  requestLatenciesMs: number[];
}

const result = await runTills(workerData as RunTillsOptions);
const answer: TillsWorkerResult = {
  sent: result.sent.length,
  created: result.answers.filter((a) => a.status === 201).length,
  durationMs: result.durationMs,
  requestLatenciesMs: result.requestLatenciesMs,
};
parentPort?.postMessage(answer);
