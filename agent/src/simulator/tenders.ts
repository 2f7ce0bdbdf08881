import type { Tender } from '@storesync/protocol';
import type { Random } from './random.js';

/** Cash handed over rounds up to the next note a shopper would use. */
function cashHandedOver(total: number, random: Random): number {
  const note = random.pick([500, 1000, 2000, 5000]);
  return Math.max(note, Math.ceil(total / note) * note);
}

/**
 * How a shopper pays `total`: mostly card, some cash with change given back
 * (a negative cash tender), a few split between a gift card and a card.
 * The tenders always add up to the total.
 */
export function payFor(total: number, random: Random): Tender[] {
  const roll = random.next();

  if (roll < 0.25) {
    const handed = cashHandedOver(total, random);
    const change = handed - total;
    const tenders: Tender[] = [{ method: 'cash', amount: handed }];
    if (change > 0) tenders.push({ method: 'cash', amount: -change });
    return tenders;
  }

  if (roll < 0.3 && total > 2500) {
    return [
      { method: 'gift_card', amount: 2500 },
      { method: 'card', amount: total - 2500 },
    ];
  }

  return [{ method: 'card', amount: total }];
}

/** A refund goes back the way the original sale was mostly paid. */
export function refundFor(total: number, original: readonly Tender[]): Tender[] {
  const method = original.find((t) => t.method === 'card') ? 'card' : 'cash';
  return [{ method, amount: total }];
}
