import type { RunningDemo } from './run-demo.js';

/** What the demo prints once everything listens. */
export function whereThingsListen(demo: RunningDemo, dataDir: string): string {
  const lines = [
    'storesync demo is running (Ctrl-C stops it)',
    `  data          ${dataDir}`,
    `  ERP sandbox   ${demo.sandbox.url}   (ledger: ${demo.sandbox.url}/_sandbox/ledger)`,
    `  hub           ${demo.hub.httpUrl}   (health: /healthz, metrics: /metrics)`,
    `  MQTT broker   ${demo.hub.mqttUrl}`,
    ...demo.agents.map(
      (agent) =>
        `  store ${agent.db.storeId}    ${agent.url}   ` +
        `(status: ${agent.url}/v1/status, till token: demo-till)`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** One line of progress: what the tills sold, what waits in outboxes, what the ERP booked. */
export function progressLine(demo: RunningDemo): string {
  const sold = [...demo.tally.values()].reduce((sum, t) => sum + t.answered, 0);
  const queued = demo.agents.reduce((sum, a) => {
    const backlog = a.db.backlog();
    return sum + Object.values(backlog).reduce((s, c) => s + c.depth, 0);
  }, 0);
  const booked = demo.sandbox.ledger().transactions.length;
  const time = new Date().toISOString().slice(11, 19);
  const counts = `tills answered ${sold}  waiting in store outboxes ${queued}`;
  return `${time}  ${counts}  booked in ERP ${booked}\n`;
}
