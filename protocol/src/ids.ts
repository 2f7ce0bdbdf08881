import { v7 } from 'uuid';

/** Time-ordered ids: eventIds sort by capture time, which keeps indexes tight. */
export function newEventId(): string {
  return v7();
}
