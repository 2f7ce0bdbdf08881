import { z } from 'zod';

/** Priority classes, highest first (DESIGN.md, "Priority classes"). */
export const EVENT_CLASSES = ['critical', 'inventory', 'finance', 'telemetry'] as const;
export const eventClass = z.enum(EVENT_CLASSES);
export type EventClass = z.infer<typeof eventClass>;

/** Lower ranks drain first. */
export const CLASS_RANK: Readonly<Record<EventClass, number>> = {
  critical: 0,
  inventory: 1,
  finance: 2,
  telemetry: 3,
};

export const EVENT_KINDS = [
  'sale',
  'return',
  'void',
  'inventory_adjustment',
  'day_close',
  'heartbeat',
] as const;
export const eventKind = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof eventKind>;

export const CLASS_OF_KIND: Readonly<Record<EventKind, EventClass>> = {
  sale: 'critical',
  return: 'critical',
  void: 'critical',
  inventory_adjustment: 'inventory',
  day_close: 'finance',
  heartbeat: 'telemetry',
};
