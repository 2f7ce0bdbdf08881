#!/usr/bin/env node
// The one storesync binary. TypeScript sources run through tsx's loader so a
// fresh clone works after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
