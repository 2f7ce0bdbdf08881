const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Index just past the string that starts at `start` (an opening quote). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === QUOTE) return i + 1;
    else i++;
  }
  return i;
}

/** The value of the string literal text[start, end), decoding escapes only when there are any. */
function stringValue(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

/**
 * The source text of each element of the top-level `events` array of a batch
 * whose JSON has already parsed, so that events are stored exactly as the store
 * sent them instead of being serialized again (a few µs per event over a
 * 200,000-event backlog). Like JSON.parse, the last `events` key wins, with
 * escapes in keys decoded. Null when no such array of `count` elements is found.
 */
export function eventTexts(text: string, count: number): string[] | null {
  let depth = 0;
  let key: string | null = null;
  let current: { texts: string[]; start: number } | null = null;
  let found: string[] | null = null;

  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (depth === 1) key = stringValue(text, i, end);
      i = end - 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth === 2 && c === OPEN_BRACKET && key === 'events')
        current = { texts: [], start: i + 1 };
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 2 && current !== null) {
        const last = text.slice(current.start, i).trim();
        found = last === '' && current.texts.length === 0 ? [] : [...current.texts, last];
        current = null;
      }
      depth--;
    } else if (c === COMMA && depth === 2 && current !== null) {
      current.texts.push(text.slice(current.start, i).trim());
      current.start = i + 1;
    }
  }
  return found?.length === count ? found : null;
}
