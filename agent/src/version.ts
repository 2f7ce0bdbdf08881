import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The agent's own version, as shipped in agent/package.json. */
export const AGENT_VERSION: string = (require('../package.json') as { version: string }).version;
