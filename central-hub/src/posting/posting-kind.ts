import type { EventKind } from '@storesync/protocol';

/** What a posting batch carries, and so which ERP endpoint it goes to. */
export type PostingKind = 'sales' | 'inventory' | 'day_close';

/** Highest priority first: sales, returns and voids, then stock, then day closes. */
export const POSTING_KINDS: readonly PostingKind[] = ['sales', 'inventory', 'day_close'];

/** Event kinds by the posting kind they go out as. */
export const EVENT_KINDS_OF: Readonly<Record<PostingKind, readonly EventKind[]>> = {
  sales: ['sale', 'return', 'void'],
  inventory: ['inventory_adjustment'],
  day_close: ['day_close'],
};

/** The posting kind of an event kind; null for events the ERP never sees (heartbeats). */
export function postingKindOf(kind: string): PostingKind | null {
  for (const postingKind of POSTING_KINDS) {
    if ((EVENT_KINDS_OF[postingKind] as readonly string[]).includes(kind)) return postingKind;
  }
  return null;
}

/** Most documents one request may carry, by kind (the ERP API's own limits). */
export const MAX_DOCUMENTS_PER_REQUEST: Readonly<Record<PostingKind, number>> = {
  sales: 5000,
  inventory: 5000,
  day_close: 1000,
};
