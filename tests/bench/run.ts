// Runs benchmarks: `npm run bench -- capture` runs tests/bench/capture.ts; with
// no name every tests/bench/<name>.ts that exports `run()` runs, one after another.
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function benchNames(): string[] {
  return readdirSync(here)
    .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.endsWith('.test.ts'))
    .map((file) => basename(file, '.ts'))
    .sort();
}

const known = benchNames();
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !known.includes(name));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; known: ${known.join(', ')}`);
  process.exit(1);
}

for (const name of asked.length > 0 ? asked : known) {
  const bench = (await import(pathToFileURL(join(here, `${name}.ts`)).href)) as {
    run?: () => Promise<void>;
  };
  if (typeof bench.run !== 'function') {
    console.error(`tests/bench/${name}.ts exports no run()`);
    process.exit(1);
  }
  console.log(`\n== bench ${name}`);
  await bench.run();
}
