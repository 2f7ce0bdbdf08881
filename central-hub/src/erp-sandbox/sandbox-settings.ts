import { z } from 'zod';
import { parseInput } from './parse-input.js';
import { createSeededRandom, randomSeed } from './seeded-random.js';

const share = z
  .number({ error: 'must be a number from 0 to 1' })
  .min(0, { error: 'must be a number from 0 to 1' })
  .max(1, { error: 'must be a number from 0 to 1' });
const millis = z
  .number({ error: 'must be a number of milliseconds' })
  .int({ error: 'must be a whole number of milliseconds' })
  .min(0, { error: 'must not be negative' })
  .max(3_600_000, { error: 'must be at most one hour (3600000 ms)' });

/** An outage relative to the moment the settings are applied. */
export const outageRequest = z.strictObject({
  startsInMs: millis.default(0),
  durationMs: millis.refine((ms) => ms > 0, { error: 'must be greater than zero' }),
});

/**
 * The sandbox's fault settings. Each may be given at start and changed at
 * runtime (`POST /_sandbox/config`); a field left out keeps its value.
 */
export const sandboxSettingsPatch = z.strictObject({
  /** Delay before an answer: latencyMs plus a uniform 0..jitterMs. */
  latencyMs: millis.optional(),
  jitterMs: millis.optional(),
  /** Requests per second admitted (token bucket, bursts of one second); 0 = no limit. */
  rateLimit: z
    .number({ error: 'must be a number of requests a second' })
    .min(0, { error: 'must not be negative (0 means no limit)' })
    .optional(),
  /** Share of requests answered 500 or 503 (half each), with nothing applied. */
  errorRate: share.optional(),
  /** Share of requests never answered until the client gives up, nothing applied. */
  hangRate: share.optional(),
  /** Replaces the outage windows; during one every API request is answered 503. */
  outages: z.array(outageRequest).max(100).optional(),
  /** Seed of the fault dice; a new seed restarts the sequence. */
  seed: z.number().int({ error: 'must be an integer' }).optional(),
});
export type ErpSandboxSettingsPatch = z.input<typeof sandboxSettingsPatch>;

/** An outage in epoch milliseconds. */
export interface OutageWindow {
  startsAt: number;
  endsAt: number;
}

/** The settings in force, as `GET /_sandbox/config` shows them. */
export interface ErpSandboxSettingsView {
  latencyMs: number;
  jitterMs: number;
  rateLimit: number;
  errorRate: number;
  hangRate: number;
  seed: number;
  outages: { startsAt: string; endsAt: string }[];
}

type Settings = Omit<ErpSandboxSettingsView, 'outages'> & { outages: OutageWindow[] };

/** Parses a patch; a bad one is a VALIDATION_FAILED StoresyncError naming each field. */
export function parseSettingsPatch(input: unknown): z.output<typeof sandboxSettingsPatch> {
  return parseInput(sandboxSettingsPatch, input ?? {}, 'sandbox settings');
}

/** The settings in force and the seeded dice they drive. */
export class SandboxSettings {
  private current: Settings;
  private dice: () => number;

  constructor(initial: unknown, now: number) {
    this.current = {
      latencyMs: 0,
      jitterMs: 0,
      rateLimit: 0,
      errorRate: 0,
      hangRate: 0,
      seed: randomSeed(),
      outages: [],
    };
    this.dice = createSeededRandom(this.current.seed);
    this.apply(initial, now);
  }

  /** Applies a patch atomically: an invalid patch changes nothing. */
  apply(input: unknown, now: number): ErpSandboxSettingsView {
    const { outages, ...rest } = parseSettingsPatch(input);

    const defined = Object.entries(rest).filter(([, value]) => value !== undefined);
    this.current = { ...this.current, ...Object.fromEntries(defined) };
    if (rest.seed !== undefined) this.dice = createSeededRandom(rest.seed);

    if (outages !== undefined) {
      this.current.outages = outages.map((o) => ({
        startsAt: now + o.startsInMs,
        endsAt: now + o.startsInMs + o.durationMs,
      }));
    }
    return this.view(now);
  }

  /** Starts an outage now, on top of any scheduled ones. */
  startOutage(durationMs: number, now: number): ErpSandboxSettingsView {
    const { outages } = parseSettingsPatch({ outages: [{ durationMs }] });
    const window = outages?.[0];
    this.current.outages = this.current.outages.filter((o) => o.endsAt > now);
    if (window) this.current.outages.push({ startsAt: now, endsAt: now + window.durationMs });
    return this.view(now);
  }

  get settings(): Readonly<Settings> {
    return this.current;
  }

  /** The next roll of the seeded dice, in [0, 1). */
  roll(): number {
    return this.dice();
  }

  outageAt(now: number): OutageWindow | null {
    return this.current.outages.find((o) => o.startsAt <= now && now < o.endsAt) ?? null;
  }

  /** The settings with past outages left out. */
  view(now: number): ErpSandboxSettingsView {
    const outages = this.current.outages
      .filter((o) => o.endsAt > now)
      .map((o) => ({
        startsAt: new Date(o.startsAt).toISOString(),
        endsAt: new Date(o.endsAt).toISOString(),
      }));
    return { ...this.current, outages };
  }
}
