// Small text helpers the detectors share.

export type Range = readonly [number, number];

/**
 * `target.push(...items)` without the spread: spreading passes every item as an argument, and a 2 MB page of
 * `<img src=a.png>` (130 000 references) overflows the stack that way.
 */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** `text` with each range's characters (except newlines) replaced by spaces, so offsets stay true; ranges sorted. */
export function blankRanges(text: string, ranges: readonly Range[]): string {
  if (ranges.length === 0) return text;
  if (ranges.length >= MANY_RANGES) return blankInBuffer(text, ranges);
  const parts: string[] = [];
  const newlines = { at: -1 };
  let copied = 0;
  for (const [start, end] of ranges) {
    if (end <= copied) continue;
    const from = Math.max(start, copied);
    parts.push(text.slice(copied, from));
    pushBlank(parts, text, from, end, newlines);
    copied = end;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/**
 * Spaces for text[from, end), newlines kept: `repeat` instead of a regex over the slice (far less garbage). The next
 * newline is remembered across calls (ranges come in order), so a text without one is not searched again per range.
 */
function pushBlank(parts: string[], text: string, from: number, end: number, newlines: { at: number }): void {
  let i = from;
  while (i < end) {
    if (newlines.at !== Infinity && newlines.at < i) {
      const found = text.indexOf('\n', i);
      newlines.at = found < 0 ? Infinity : found;
    }
    const newline = newlines.at;
    const stop = newline >= end ? end : newline;
    parts.push(' '.repeat(stop - i));
    if (stop < end) parts.push('\n');
    i = stop + 1;
  }
}

/**
 * From this many ranges on, the text is blanked in one buffer instead of being cut into pieces and joined: a hostile
 * document has a range per line (hundreds of thousands), and the pieces' garbage cost more than the scan itself
 * (measured: 1 MB with 333 000 ranges, ~95 ms as pieces, ~5 ms in a Latin-1 buffer, ~10 ms in a UTF-16 one).
 */
const MANY_RANGES = 32;
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

function blankInBuffer(text: string, ranges: readonly Range[]): string {
  // Latin-1 text is one byte per character; anything else is blanked as UTF-16 code units (lone surrogates kept).
  const encoding = BEYOND_LATIN1.test(text) ? 'utf16le' : 'latin1';
  const buf = Buffer.from(text, encoding);
  let copied = 0;
  if (encoding === 'latin1') {
    for (const [start, end] of ranges) {
      if (end <= copied) continue;
      for (let i = Math.max(start, copied); i < end; i++) if (buf[i] !== 0x0a) buf[i] = 0x20;
      copied = end;
    }
  } else {
    const units = new Uint16Array(buf.buffer, buf.byteOffset, text.length);
    for (const [start, end] of ranges) {
      if (end <= copied) continue;
      for (let i = Math.max(start, copied); i < end; i++) if (units[i] !== 0x0a) units[i] = 0x20;
      copied = end;
    }
  }
  return buf.toString(encoding);
}
