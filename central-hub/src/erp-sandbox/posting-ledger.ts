/**
 * `GET /_sandbox/ledger`: every document the sandbox applied with the
 * number of times it was applied. A count above 1 is a double posting.
 */
export interface ErpSandboxLedger {
  transactions: { storeId: string; transactionId: string; type: string; count: number }[];
  movements: { storeId: string; adjustmentId: string; reason: string; count: number }[];
  dayCloses: { storeId: string; businessDate: string; count: number }[];
}

type Entry<T> = T & { count: number };

/** Counts postings per (store, document id), in first-posted order. */
class Tally<T extends { storeId: string }> {
  private entries = new Map<string, Entry<T>>();

  record(id: string, entry: T): void {
    const key = `${entry.storeId}\u0000${id}`;
    const known = this.entries.get(key);
    if (known) known.count += 1;
    else this.entries.set(key, { ...entry, count: 1 });
  }

  list(storeId?: string): Entry<T>[] {
    const all = [...this.entries.values()].map((e) => ({ ...e }));
    return storeId === undefined ? all : all.filter((e) => e.storeId === storeId);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** What the sandbox has posted; the evidence a test reads for exactly-once. */
export class PostingLedger {
  private transactions = new Tally<{ storeId: string; transactionId: string; type: string }>();
  private movements = new Tally<{ storeId: string; adjustmentId: string; reason: string }>();
  private dayCloses = new Tally<{ storeId: string; businessDate: string }>();

  recordTransaction(storeId: string, transactionId: string, type: string): void {
    this.transactions.record(transactionId, { storeId, transactionId, type });
  }

  recordMovement(storeId: string, adjustmentId: string, reason: string): void {
    this.movements.record(adjustmentId, { storeId, adjustmentId, reason });
  }

  recordDayClose(storeId: string, businessDate: string): void {
    this.dayCloses.record(businessDate, { storeId, businessDate });
  }

  snapshot(storeId?: string): ErpSandboxLedger {
    return {
      transactions: this.transactions.list(storeId),
      movements: this.movements.list(storeId),
      dayCloses: this.dayCloses.list(storeId),
    };
  }

  clear(): void {
    this.transactions.clear();
    this.movements.clear();
    this.dayCloses.clear();
  }
}
