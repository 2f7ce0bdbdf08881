import type { StoredRequest } from './capture-plan.js';
import type { UnitResult } from './capture-writer.js';
import { asDiskFull } from './disk-errors.js';
import { StoreCaptureError } from './errors.js';
import type { CaptureOutcome, StoreDbStats } from './types.js';

interface Waiting {
  requests: StoredRequest[];
  resolve(outcomes: CaptureOutcome[]): void;
  reject(error: unknown): void;
}

/**
 * Group commit: captures that arrive while a commit is pending are queued and
 * written by one transaction, so many tills share one fsync. The queue flushes
 * on the next `setImmediate`, or at once when it holds `maxGroupSize` requests.
 * A caller's promise settles only after the COMMIT of its group returned.
 */
export class GroupCommit {
  private queue: Waiting[] = [];
  private queuedRequests = 0;
  private timer: NodeJS.Immediate | null = null;
  private readonly counters: StoreDbStats = { commits: 0, captures: 0 };

  constructor(
    private readonly writeGroup: (units: StoredRequest[][]) => UnitResult[],
    private readonly maxGroupSize: number,
  ) {}

  /** One caller's requests; they are never split across groups. */
  submit(requests: StoredRequest[]): Promise<CaptureOutcome[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ requests, resolve, reject });
      this.queuedRequests += requests.length;

      if (this.queuedRequests >= this.maxGroupSize) this.flush();
      else this.timer ??= setImmediate(() => this.flush());
    });
  }

  /** Commits everything queued now, group by group. */
  flush(): void {
    if (this.timer !== null) clearImmediate(this.timer);
    this.timer = null;

    while (this.queue.length > 0) this.commit(this.takeGroup());
  }

  stats(): StoreDbStats {
    return { ...this.counters };
  }

  private takeGroup(): Waiting[] {
    let size = 0;
    let count = 0;
    for (const waiting of this.queue) {
      if (count > 0 && size + waiting.requests.length > this.maxGroupSize) break;
      size += waiting.requests.length;
      count += 1;
    }

    this.queuedRequests -= size;
    return this.queue.splice(0, count);
  }

  private commit(group: Waiting[]): void {
    let results: UnitResult[];
    try {
      results = this.writeGroup(group.map((waiting) => waiting.requests));
    } catch (error) {
      const failure = groupFailure(error);
      for (const waiting of group) waiting.reject(failure);
      return;
    }

    this.counters.commits += 1;
    group.forEach((waiting, i) => {
      const result = results[i];
      if (result?.ok) {
        this.counters.captures += result.outcomes.length;
        waiting.resolve(result.outcomes);
      } else {
        waiting.reject(result?.error ?? groupFailure(new Error('no result for caller')));
      }
    });
  }
}

/** A full disk as `StoreDiskFullError`; anything else that sank the group as INTERNAL. */
function groupFailure(error: unknown): unknown {
  const mapped = asDiskFull(error);
  if (mapped !== error) return mapped;

  const message = error instanceof Error ? error.message : String(error);
  return new StoreCaptureError(
    'INTERNAL',
    `the group commit failed and nothing of it was written: ${message}`,
    {},
    { cause: error },
  );
}
