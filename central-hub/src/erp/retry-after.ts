/**
 * Reads an HTTP `Retry-After` header (RFC 9110): either delay-seconds
 * (`"120"`) or an HTTP-date. Returns milliseconds to wait from `nowMs`,
 * never negative; undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;

  if (/^\d+$/.test(value)) return Number(value) * 1000;

  // Every HTTP-date form ends in GMT; this keeps Date.parse off junk like "1.5".
  const at = /GMT$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) return undefined;

  return Math.max(0, at - nowMs);
}
