import type { SandboxSettings } from './sandbox-settings.js';
import type { TokenBucket } from './token-bucket.js';

/** Turned away at once, as an ERP's gateway would, with `Retry-After`. */
export interface Refusal {
  action: 'refuse';
  status: 429 | 503;
  code: 'RATE_LIMITED' | 'OUTAGE';
  retryAfterSeconds: number;
}

/** Let in: after `delayMs`, served, failed with `status`, or left hanging. */
export interface Admission {
  action: 'serve' | 'fail' | 'hang';
  delayMs: number;
  /** The injected failure's status, for `fail`. */
  status: 500 | 503;
}

export type FaultPlan = Refusal | Admission;

function toSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * Decides the fate of one API request when it arrives: outage, then rate
 * limit, then the dice for latency, hang and error. The dice are rolled the
 * same number of times for every admitted request so that one seed always
 * gives the same sequence, whatever the rates.
 */
export function planFaults(settings: SandboxSettings, bucket: TokenBucket, now: number): FaultPlan {
  const outage = settings.outageAt(now);
  if (outage) {
    const retryAfterSeconds = toSeconds(outage.endsAt - now);
    return { action: 'refuse', status: 503, code: 'OUTAGE', retryAfterSeconds };
  }

  const { rateLimit, latencyMs, jitterMs, hangRate, errorRate } = settings.settings;
  const rate = bucket.take(rateLimit, now);
  if (!rate.admitted) {
    const retryAfterSeconds = toSeconds(rate.retryAfterMs);
    return { action: 'refuse', status: 429, code: 'RATE_LIMITED', retryAfterSeconds };
  }

  const [jitterRoll, hangRoll, errorRoll] = [settings.roll(), settings.roll(), settings.roll()];
  const delayMs = latencyMs + Math.round(jitterRoll * jitterMs);
  const status = errorRoll < errorRate / 2 ? 500 : 503;
  if (hangRoll < hangRate) return { action: 'hang', delayMs, status };
  if (errorRoll < errorRate) return { action: 'fail', delayMs, status };
  return { action: 'serve', delayMs, status };
}
