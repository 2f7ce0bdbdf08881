/** An answer as it was first sent. */
export interface RememberedAnswer {
  status: number;
  body: unknown;
}

/**
 * Answers by idempotency key, per endpoint. Only final answers are kept
 * (2xx and 422): after a 5xx or 429 the client's retry must be able to
 * succeed. Kept in memory for the life of the sandbox.
 */
export class IdempotencyStore {
  private answers = new Map<string, RememberedAnswer>();

  static remembers(status: number): boolean {
    return (status >= 200 && status < 300) || status === 422;
  }

  get(route: string, key: string): RememberedAnswer | undefined {
    return this.answers.get(`${route} ${key}`);
  }

  remember(route: string, key: string, answer: RememberedAnswer): void {
    if (IdempotencyStore.remembers(answer.status)) this.answers.set(`${route} ${key}`, answer);
  }

  clear(): void {
    this.answers.clear();
  }
}
