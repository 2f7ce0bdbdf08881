import type { Logger } from 'pino';
import { businessDateOf } from '../erp/document-mapping.js';
import type { HubStore } from '../hub-store/hub-store.js';
import { PostingBatchTable } from './batch-table.js';
import {
  type DeadLetterFilter,
  type DeadLetterState,
  DeadLetterTable,
  type DeadLetterView,
} from './dead-letter-table.js';
import { MAX_DOCUMENTS_PER_REQUEST, type PostingKind, postingKindOf } from './posting-kind.js';

export type { DeadLetterState, DeadLetterView } from './dead-letter-table.js';

/** What operators do with documents the ERP refused for good (the console's dead letters). */
export interface DeadLetterService {
  list(filter?: { state?: DeadLetterState; storeId?: string; limit?: number }): DeadLetterView[];
  get(id: number): DeadLetterView | null;
  /** Puts open dead letters back into posting as a NEW posting batch; returns what changed. */
  replay(ids: number[], operator: string): { replayed: number[]; notOpen: number[] };
  discard(
    ids: number[],
    operator: string,
    reason: string,
  ): { discarded: number[]; notOpen: number[] };
}

/** What the dead-letter service works on. */
export interface DeadLetterServiceOptions {
  store: HubStore;
  logger: Logger;
  /** Documents per replay batch (the pipeline's batch size). */
  batchSize: number;
  now?: () => Date;
  /** Called after a replay committed, so that the pipeline sends at once. */
  onReplay?: () => void;
}

interface ReplayGroup {
  storeId: string;
  kind: PostingKind;
  businessDate: string;
  letters: Array<{ id: number; eventId: string; receivedAt: string }>;
}

/** The dead-letter service on hub.db; each call is one durable transaction. */
export function createDeadLetterService(options: DeadLetterServiceOptions): DeadLetterService {
  return new HubDeadLetterService(options);
}

class HubDeadLetterService implements DeadLetterService {
  private readonly letters: DeadLetterTable;
  private readonly batches: PostingBatchTable;
  private readonly now: () => Date;

  constructor(private readonly options: DeadLetterServiceOptions) {
    this.letters = new DeadLetterTable(options.store.db);
    this.batches = new PostingBatchTable(options.store.db);
    this.now = options.now ?? (() => new Date());
  }

  list(filter?: DeadLetterFilter): DeadLetterView[] {
    return this.letters.list(filter);
  }

  get(id: number): DeadLetterView | null {
    return this.letters.get(id);
  }

  replay(ids: number[], operator: string): { replayed: number[]; notOpen: number[] } {
    const now = this.now().toISOString();
    const outcome = this.options.store.transaction(() => {
      const { open, notOpen } = this.partition(ids);
      const groups = this.groupForReplay(open);
      for (const group of groups) this.replayGroup(group, operator, now);

      const replayed = groups.flatMap((group) => group.letters.map((letter) => letter.id));
      const unplayable = open.filter((letter) => !replayed.includes(letter.id));
      return { replayed, notOpen: [...notOpen, ...unplayable.map((letter) => letter.id)] };
    });

    if (outcome.replayed.length > 0) {
      const { replayed } = outcome;
      this.options.logger.info({ operator, deadLetters: replayed }, 'dead letters replayed');
      this.options.onReplay?.();
    }
    return outcome;
  }

  discard(
    ids: number[],
    operator: string,
    reason: string,
  ): { discarded: number[]; notOpen: number[] } {
    const now = this.now().toISOString();
    const outcome = this.options.store.transaction(() => {
      const { open, notOpen } = this.partition(ids);
      for (const letter of open) {
        this.letters.resolve(letter.id, 'discarded', { operator, resolution: reason, now });
        this.letters.setEventState(letter.eventId, 'discarded');
      }
      return { discarded: open.map((letter) => letter.id), notOpen };
    });

    if (outcome.discarded.length > 0) {
      const { discarded } = outcome;
      this.options.logger.warn(
        { operator, deadLetters: discarded, reason },
        'dead letters discarded',
      );
    }
    return outcome;
  }

  /** The open dead letters among `ids` (each once), and the ids that are not open. */
  private partition(ids: number[]): { open: DeadLetterView[]; notOpen: number[] } {
    const open: DeadLetterView[] = [];
    const notOpen: number[] = [];
    for (const id of new Set(ids)) {
      const letter = this.letters.get(id);
      if (letter?.state === 'open') open.push(letter);
      else notOpen.push(id);
    }
    return { open, notOpen };
  }

  private groupForReplay(open: DeadLetterView[]): ReplayGroup[] {
    const groups = new Map<string, ReplayGroup>();
    for (const letter of open) {
      const event = this.options.store.events.get(letter.eventId);
      const kind = postingKindOf(letter.kind);
      if (event === null || kind === null) continue;

      const businessDate =
        kind === 'day_close' ? letter.documentId : businessDateOf(event.occurredAt);
      const key = `${letter.storeId}\u0000${kind}\u0000${businessDate}`;
      const group = groups.get(key) ?? { storeId: letter.storeId, kind, businessDate, letters: [] };
      group.letters.push({ id: letter.id, eventId: letter.eventId, receivedAt: event.receivedAt });
      groups.set(key, group);
    }
    return [...groups.values()];
  }

  private replayGroup(group: ReplayGroup, operator: string, now: string): void {
    const size = Math.min(this.options.batchSize, MAX_DOCUMENTS_PER_REQUEST[group.kind]);
    for (let start = 0; start < group.letters.length; start += size) {
      const part = group.letters.slice(start, start + size);
      const batchId = this.batches.insert(
        {
          storeId: group.storeId,
          kind: group.kind,
          businessDate: group.businessDate,
          origin: 'replay',
          parentBatchId: null,
          eventIds: part.map((letter) => letter.eventId),
          oldestReceivedAt: part.map((letter) => letter.receivedAt).sort()[0] as string,
        },
        now,
      );
      const resolution = `replayed in posting batch ${batchId}`;
      for (const letter of part) {
        this.letters.resolve(letter.id, 'replayed', { operator, resolution, now });
      }
    }
  }
}
