// Small text helpers the detectors share.

export type Range = readonly [number, number];

/** `text` with each range's characters (except newlines) replaced by spaces, so offsets stay true; ranges sorted. */
export function blankRanges(text: string, ranges: readonly Range[]): string {
  if (ranges.length === 0) return text;
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
