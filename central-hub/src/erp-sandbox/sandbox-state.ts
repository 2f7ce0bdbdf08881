import { IdempotencyStore } from './idempotency-store.js';
import { RequestStats } from './request-stats.js';
import { SandboxBooks } from './sandbox-books.js';
import { SandboxSettings } from './sandbox-settings.js';
import { TokenBucket } from './token-bucket.js';

/** Everything the sandbox holds, in memory only: a restart forgets it all. */
export class SandboxState {
  settings: SandboxSettings;
  books: SandboxBooks;
  readonly bucket = new TokenBucket();
  readonly stats = new RequestStats();
  readonly idempotency = new IdempotencyStore();

  private readonly startSettings: object;

  constructor(
    initialSettings: object,
    private readonly currency: string,
  ) {
    this.settings = new SandboxSettings(initialSettings, Date.now());
    this.books = new SandboxBooks(currency);
    // A reset keeps the seed drawn at start, so a run stays repeatable.
    this.startSettings = { ...initialSettings, seed: this.settings.settings.seed };
  }

  /**
   * Back to how the sandbox started: its start settings and seed (outage
   * windows counted from now), default items, empty books.
   */
  reset(): void {
    this.settings = new SandboxSettings(this.startSettings, Date.now());
    this.books = new SandboxBooks(this.currency);
    this.bucket.reset();
    this.stats.reset();
    this.idempotency.clear();
  }
}
