// Reads the sizes code writes: `1200`, `1200px`, `16 / 9`, `1.5`. Relative units (%, em, vw...) say nothing about
// the image's pixels, so they give no hint at all.

/** `1200` (HTML attributes, JSX numbers) or `1200px`; anything else is no hint. */
export function parsePixels(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/i.exec(value);
  if (!match) return undefined;
  const pixels = Math.round(Number(match[1]));
  return pixels > 0 ? pixels : undefined;
}

/** CSS `aspect-ratio`: `16 / 9`, `16/9`, `1.5`, `auto 4 / 3`; `auto` alone is no hint. */
export function parseAspectRatio(value: string): number | undefined {
  const text = value.trim().replace(/^auto\s+|\s+auto$/i, '').replace(/\s*!important$/i, '');
  const match = /^(\d+(?:\.\d+)?)(?:\s*\/\s*(\d+(?:\.\d+)?))?$/.exec(text);
  if (!match) return undefined;
  const width = Number(match[1]);
  const height = match[2] === undefined ? 1 : Number(match[2]);
  if (!(width > 0) || !(height > 0)) return undefined;
  return width / height;
}
