// Finds the nearest "what is this about" text before a position: a Markdown or HTML heading, or a component name.

import { decodeHtmlEntities } from './path-text';

export interface Landmark {
  readonly offset: number;
  readonly text: string;
}

/** Landmarks sorted by offset; returns the last one at or before `offset` (binary search: one call per reference). */
export function nearestBefore(landmarks: readonly Landmark[], offset: number): string | undefined {
  let low = 0;
  let high = landmarks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (landmarks[middle]!.offset <= offset) low = middle + 1;
    else high = middle;
  }
  return low > 0 ? landmarks[low - 1]!.text : undefined;
}

/** Headings are context for a prompt: only the start of a long one is read. */
const MAX_HEADING = 300;
/** An HTML heading whose end tag is further than this is not read (it would be the rest of the document). */
const MAX_HEADING_SPAN = 4000;

/** ATX headings (`## Title ##`), read line by line. */
export function markdownHeadings(text: string): Landmark[] {
  const result: Landmark[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && i - lineStart < 3 && text[i] === ' ') i++;
    if (text[i] === '#') {
      let hashes = 0;
      while (text[i + hashes] === '#') hashes++;
      const after = text[i + hashes];
      if (hashes <= 6 && (after === ' ' || after === '\t')) {
        const line = text.slice(i + hashes, Math.min(lineEnd, i + hashes + MAX_HEADING * 2));
        const heading = cleanInlineText(stripClosingHashes(line));
        if (heading) result.push({ offset: lineStart, text: heading.slice(0, MAX_HEADING) });
      }
    }
    lineStart = lineEnd + 1;
  }
  return result;
}

/** `Title ##  ` -> `Title` (a closing sequence must follow a space). */
function stripClosingHashes(line: string): string {
  let end = line.trimEnd().length;
  let k = end;
  while (k > 0 && line[k - 1] === '#') k--;
  if (k < end && (k === 0 || line[k - 1] === ' ' || line[k - 1] === '\t')) end = k;
  return line.slice(0, end);
}

/** `<h1>`…`<h6>` and `<title>`; each end tag is searched once per tag name, from the last place it was found. */
export function htmlHeadings(text: string): Landmark[] {
  const result: Landmark[] = [];
  const opening = /<(h[1-6]|title)\b/gi;
  const nextClose = new Map<string, { from: number; at: number; length: number }>();
  // One pattern per tag name, reused from wherever the last search stopped (not compiled again per heading).
  const patterns = new Map<string, RegExp>();
  const closeAfter = (name: string, from: number) => {
    const known = nextClose.get(name);
    if (known && known.from <= from && (known.at < 0 || known.at >= from)) return known;
    let pattern = patterns.get(name);
    if (!pattern) {
      pattern = new RegExp(`</${name}\\s*>`, 'gi');
      patterns.set(name, pattern);
    }
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    const found = { from, at: match ? match.index : -1, length: match ? match[0].length : 0 };
    nextClose.set(name, found);
    return found;
  };
  let tagEnd = -1;
  for (let match = opening.exec(text); match; match = opening.exec(text)) {
    const name = match[1]!.toLowerCase();
    if (tagEnd < match.index) tagEnd = text.indexOf('>', match.index);
    if (tagEnd < 0) break;
    const close = closeAfter(name, tagEnd + 1);
    if (close.at < 0) continue;
    if (close.at - tagEnd > MAX_HEADING_SPAN) continue;
    const inner = text.slice(tagEnd + 1, close.at);
    const heading = cleanInlineText(decodeHtmlEntities(stripTagsAndBraces(inner)));
    if (heading) result.push({ offset: match.index, text: heading.slice(0, MAX_HEADING) });
    opening.lastIndex = close.at + close.length;
  }
  return result;
}

/** Tags and `{expressions}` become spaces: one pass, no backtracking. */
function stripTagsAndBraces(text: string): string {
  if (!text.includes('<') && !text.includes('{')) return text;
  let out = '';
  let skipUntil = '';
  for (const ch of text) {
    if (skipUntil) {
      if (ch === skipUntil) skipUntil = '';
      continue;
    }
    if (ch === '<') skipUntil = '>';
    else if (ch === '{') skipUntil = '}';
    else {
      out += ch;
      continue;
    }
    out += ' ';
  }
  return out;
}

/** `function HeroSection`, `const HeroSection =`, `class HeroSection`: React components start with a capital. */
export function componentNames(text: string): Landmark[] {
  const result: Landmark[] = [];
  const pattern = /\b(?:function\s*\*?\s*|class\s+|(?:const|let|var)\s+)([A-Z][A-Za-z0-9_$]*)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    result.push({ offset: match.index, text: match[1]! });
  }
  return result;
}

/** `![alt](x.png) and [link](url) *text*` -> `alt and link text`: one pass, no backtracking. */
function cleanInlineText(text: string): string {
  let out = '';
  let inDestination = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inDestination) {
      if (ch === ')' || ch === ' ' || ch === '\n') inDestination = false;
      continue;
    }
    if (ch === ']' && text[i + 1] === '(') {
      inDestination = true;
      i++;
      continue;
    }
    if (ch === '!' && text[i + 1] === '[') continue;
    if ('[]*_`~'.includes(ch)) continue;
    out += ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}
