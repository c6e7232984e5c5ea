// Markdown images: inline `![alt](path "title")`, `![alt](<path with spaces>)`, brackets inside the alt
// (`![a [b] c](n.png)`), reference style `![alt][label]` / `![label]` with `[label]: path`, and HTML in the Markdown.
// Fenced and indented code blocks, code spans and HTML comments are examples or hidden, not references. Markdown says
// nothing about size. Every step is one pass (brackets and parentheses matched with a stack, backtick runs by length),
// so the time is linear in the text whatever it holds.
import { htmlHeadings, markdownHeadings, nearestBefore, type Landmark } from '../headings';
import type { ImageReference } from '../types';
import { checkCancelled } from './guard';
import { findHtmlReferences } from './html';
import { findModuleReferences } from './modules';
import { classifyPath, MAX_PATH_LENGTH } from './reference-path';
import { append, blankRanges, type Range } from './text';

/** CommonMark's limit for a link label. */
const MAX_LABEL = 999;
const MAX_ALT = 1000;

export interface MarkdownOptions {
  /** MDX: HTML is JSX (brace props, components) and `import`/`export` lines are module code. */
  readonly flavor?: 'html' | 'jsx';
  readonly modules?: boolean;
}

export function findMarkdownReferences(text: string, options: MarkdownOptions = {}): ImageReference[] {
  const masked = maskCode(text);
  const landmarks: Landmark[] = [...markdownHeadings(masked), ...htmlHeadings(masked)].sort((a, b) => a.offset - b.offset);
  const references: ImageReference[] = [];
  const push = (alt: string, raw: string, start: number, at: number) => {
    const classified = classifyPath(unescapeMarkdown(raw), 'markup');
    if (classified === undefined) return;
    const context = nearestBefore(landmarks, at);
    const clipped = alt.slice(0, MAX_ALT);
    // Most alt texts are plain words: cleaned without three regex passes each.
    const cleanAlt = isPlainAlt(clipped) ? clipped : unescapeMarkdown(clipped).replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
    const reference: { -readonly [K in keyof ImageReference]: ImageReference[K] } = {
      path: classified.path,
      rawPath: raw,
      range: { start, end: start + raw.length },
      kind: 'markdown',
      form: classified.form,
    };
    if (cleanAlt) reference.alt = cleanAlt;
    if (context) reference.context = context;
    references.push(reference);
  };

  // The bracket and parenthesis tables are built when the first image needs them (a page without `![` needs none).
  let closeOf: Int32Array | undefined;
  let parens: Int32Array | undefined;
  // Definitions are read only once an image needs one (a page of `[x]: ...` lines with no `![` costs nothing here).
  let definitions: Map<string, { raw: string; start: number }> | undefined;
  // Only `![` opens an image: the other brackets are links and text.
  let index = 0;
  for (let bang = masked.indexOf('![', 0); bang >= 0; bang = masked.indexOf('![', bang + 1)) {
    checkCancelled(index++);
    const open = bang + 1;
    closeOf ??= bracketPairs(masked);
    const close = closeOf[open]!;
    if (close < 0) continue;
    const alt = masked.slice(open + 1, Math.min(close, open + 1 + MAX_ALT));
    if (masked.charCodeAt(close + 1) === 0x28 /* ( */) {
      parens ??= matchingParens(masked);
      const destination = inlineDestination(masked, close + 2, parens);
      if (destination) push(alt, destination.raw, destination.start, open - 1);
      continue;
    }
    // `![alt][label]`, `![label][]`, `![label]`.
    let label = masked.slice(open + 1, close);
    const labelClose = masked.charCodeAt(close + 1) === 0x5b /* [ */ ? closeOf[close + 1]! : -1;
    if (labelClose > close + 2) label = masked.slice(close + 2, labelClose);
    if (label.length > MAX_LABEL) continue;
    definitions ??= referenceDefinitions(masked);
    const definition = definitions.get(normalizeLabel(label));
    if (definition) push(alt, definition.raw, definition.start, open - 1);
  }

  append(references, findHtmlReferences(masked, landmarks, { flavor: options.flavor ?? 'html' }));
  if (options.modules) append(references, findModuleReferences(esmLines(masked), 0, landmarks));
  return references.sort((a, b) => a.range.start - b.range.start);
}

/**
 * `[` ... `]` pairs, innermost first matched (a stack), reset at blank lines (brackets do not cross paragraphs).
 * `closeOf[open]` is the matching `]` (or -1): a typed array, because a hostile document has a bracket per character.
 */
function bracketPairs(text: string): Int32Array {
  const closeOf = new Int32Array(text.length + 1).fill(-1);
  const stack: number[] = [];
  let lineHasText = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      i++;
      lineHasText = true;
    } else if (c === 0x0a) {
      if (!lineHasText && stack.length > 0) stack.length = 0;
      lineHasText = false;
    } else if (c === 0x5b) {
      stack.push(i);
      lineHasText = true;
    } else if (c === 0x5d) {
      const open = stack.pop();
      if (open !== undefined) closeOf[open] = i;
      lineHasText = true;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) lineHasText = true;
  }
  return closeOf;
}

/** For each `(`, the index of its `)` within the same run of non-space characters (escapes skipped), or -1; linear. */
function matchingParens(text: string): Int32Array {
  const match = new Int32Array(text.length + 1).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x28) stack.push(i);
    else if (c === 0x29) {
      const open = stack.pop();
      if (open !== undefined) match[open] = i;
    } else if ((c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) && stack.length > 0) stack.length = 0;
  }
  return match;
}

/** The destination of `](` at `from`: `<...>` on one line, or non-space text with balanced parentheses. */
function inlineDestination(text: string, from: number, parens: Int32Array): { raw: string; start: number } | undefined {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] === '\n') i++;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  const start = i;
  if (text[i] === '<') {
    for (let j = i + 1; j < text.length && j - i <= MAX_PATH_LENGTH; j++) {
      const c = text[j];
      if (c === '\\') j++;
      else if (c === '>') return j > i + 1 ? { raw: text.slice(i + 1, j), start: i + 1 } : undefined;
      else if (c === '\n' || c === '<') return undefined;
    }
    return undefined;
  }
  while (i < text.length && i - start <= MAX_PATH_LENGTH) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 2;
    else if (c === 0x28) {
      const close = parens[i]!;
      if (close < 0) return undefined;
      i = close + 1;
    } else if (c === 0x29 || c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) break;
    else i++;
  }
  if (i - start > MAX_PATH_LENGTH || i === start) return undefined;
  return { raw: text.slice(start, Math.min(i, text.length)), start };
}

/** `[label]: path` lines (up to three spaces of indent, the label on one line). The first definition wins. */
function referenceDefinitions(text: string): Map<string, { raw: string; start: number }> {
  const definitions = new Map<string, { raw: string; start: number }>();
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    checkCancelled(lineStart);
    let i = lineStart;
    while (i < lineEnd && i - lineStart < 3 && text[i] === ' ') i++;
    if (text[i] === '[') {
      const definition = readDefinition(text, i, lineEnd);
      if (definition && !definitions.has(definition.label)) definitions.set(definition.label, definition);
    }
    lineStart = lineEnd + 1;
  }
  return definitions;
}

function readDefinition(text: string, open: number, lineEnd: number): { label: string; raw: string; start: number } | undefined {
  let i = open + 1;
  while (i < lineEnd && text[i] !== ']') {
    if (text[i] === '\\') i++;
    else if (text[i] === '[') return undefined;
    i++;
  }
  if (i >= lineEnd || text[i + 1] !== ':' || i === open + 1 || i - open > MAX_LABEL) return undefined;
  const label = normalizeLabel(text.slice(open + 1, i));
  if (label === '') return undefined;
  i += 2;
  while (i < lineEnd && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] === '<') {
    const close = text.indexOf('>', i);
    if (close < 0 || close > lineEnd || close === i + 1) return undefined;
    return { label, raw: text.slice(i + 1, close), start: i + 1 };
  }
  let end = i;
  while (end < lineEnd && text[end] !== ' ' && text[end] !== '\t' && text[end] !== '\r') end++;
  if (end === i || end - i > MAX_PATH_LENGTH) return undefined;
  return { label, raw: text.slice(i, end), start: i };
}

/** Only MDX's `import`/`export` lines are code; the rest (prose that says "from 'x'") is blanked. */
function esmLines(text: string): string {
  const prose: Range[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (!isEsmLine(text, lineStart)) prose.push([lineStart, lineEnd]);
    lineStart = lineEnd + 1;
  }
  return blankRanges(text, prose);
}

/** The line at `at` starts with the word `import` or `export` (no slice per line: a page can have 200 000 lines). */
function isEsmLine(text: string, at: number): boolean {
  if (!text.startsWith('import', at) && !text.startsWith('export', at)) return false;
  const next = text.charCodeAt(at + 6);
  // \b after the keyword: the next character is not a word character (or the text ends).
  return !(next === 0x5f || (next >= 0x30 && next <= 0x39) || (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a));
}

/** Alt text that cleaning would leave as it is: no emphasis, code or escapes, single spaces between words only. */
function isPlainAlt(text: string): boolean {
  let previousSpace = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      if (previousSpace) return false;
      previousSpace = true;
    } else if (c < 0x20 || c === 0x2a || c === 0x5f || c === 0x60 || c === 0x5c || c > 0x7e) {
      // * _ ` \, control characters, and anything beyond ASCII (Unicode spaces) take the careful path.
      return false;
    } else previousSpace = false;
  }
  return !previousSpace || text.length === 0;
}

function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

function unescapeMarkdown(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * Blanks fenced and indented code blocks, inline code spans and HTML comments (hidden, not rendered), keeping
 * offsets. Exported for the MDX and Astro readers, which share Markdown's code rules.
 */
export function maskCode(text: string): string {
  const withoutBlocks = blankRanges(text, codeBlocks(text));
  const withoutSpans = blankRanges(withoutBlocks, codeSpans(withoutBlocks));
  return blankRanges(withoutSpans, htmlComments(withoutSpans));
}

const LIST_ITEM = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

/** Fenced blocks (``` or ~~~, closed by a fence at least as long) and indented blocks (4 columns, after a blank). */
function codeBlocks(text: string): Range[] {
  const ranges: Range[] = [];
  let fence: { char: string; length: number; start: number } | undefined;
  let indented: number | undefined;
  let previousBlank = true;
  let inList = false;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    checkCancelled(lineStart);
    // Most lines start with a visible character other than a fence's: no block starts or ends there, only a list
    // may. Such a line is decided without slicing or matching it (a hostile page has 500 000 lines).
    const first = text.charCodeAt(lineStart);
    if (lineStart < lineEnd && first > 0x20 && first < 0x7f && first !== 0x60 && first !== 0x7e && !fence) {
      if (indented !== undefined) {
        ranges.push([indented, lineStart]);
        indented = undefined;
      }
      const mayBeListItem = first === 0x2d || first === 0x2b || first === 0x2a || (first >= 0x30 && first <= 0x39);
      if (mayBeListItem && LIST_ITEM.test(text.slice(lineStart, Math.min(lineEnd, lineStart + 400)))) inList = true;
      else if (previousBlank) inList = false;
      previousBlank = false;
      lineStart = lineEnd + 1;
      continue;
    }
    const line = text.slice(lineStart, Math.min(lineEnd, lineStart + 400));
    const blank = line.trim() === '' && (lineEnd - lineStart < 400 || text.slice(lineStart, lineEnd).trim() === '');
    if (fence) {
      const close = /^ {0,3}(`+|~+)[ \t]*\r?$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) {
        ranges.push([fence.start, lineEnd]);
        fence = undefined;
      }
    } else {
      const columns = indentColumns(line);
      if (indented !== undefined && !blank && columns < 4) {
        ranges.push([indented, lineStart]);
        indented = undefined;
      }
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (indented === undefined && open && !(open[1]![0] === '`' && line.slice(open[0].length).includes('`'))) {
        fence = { char: open[1]![0]!, length: open[1]!.length, start: lineStart };
      } else if (indented === undefined && !blank && columns >= 4 && previousBlank && !inList) {
        indented = lineStart;
      } else if (!blank && indented === undefined) {
        if (LIST_ITEM.test(line)) inList = true;
        else if (columns === 0 && previousBlank) inList = false;
      }
    }
    previousBlank = blank;
    lineStart = lineEnd + 1;
  }
  if (fence) ranges.push([fence.start, text.length]);
  if (indented !== undefined) ranges.push([indented, text.length]);
  return ranges;
}

function indentColumns(line: string): number {
  let columns = 0;
  for (const ch of line) {
    if (ch === ' ') columns++;
    else if (ch === '\t') columns += 4 - (columns % 4);
    else break;
    if (columns >= 4) break;
  }
  return columns;
}

/** A run of N backticks opens a span that the next run of exactly N closes (CommonMark); runs matched by length. */
function codeSpans(text: string): Range[] {
  // Runs as two number arrays (no object per run: a hostile page has 300 000 of them).
  const starts: number[] = [];
  const lengths: number[] = [];
  for (let i = text.indexOf('`'); i >= 0; i = text.indexOf('`', i)) {
    const start = i;
    while (i < text.length && text.charCodeAt(i) === 0x60) i++;
    starts.push(start);
    lengths.push(i - start);
  }
  // For each length, the indexes of its runs in order, and a cursor: every run is looked at a constant number of times.
  const byLength = new Map<number, number[]>();
  for (let index = 0; index < lengths.length; index++) {
    const length = lengths[index]!;
    const list = byLength.get(length);
    if (list) list.push(index);
    else byLength.set(length, [index]);
  }
  const cursor = new Map<number, number>();
  const ranges: Range[] = [];
  let index = 0;
  while (index < starts.length) {
    const length = lengths[index]!;
    const list = byLength.get(length)!;
    let at = cursor.get(length) ?? 0;
    while (at < list.length && list[at]! <= index) at++;
    cursor.set(length, at);
    const closing = list[at];
    if (closing === undefined) {
      index++;
      continue;
    }
    ranges.push([starts[index]!, starts[closing]! + lengths[closing]!]);
    index = closing + 1;
  }
  return ranges;
}

function htmlComments(text: string): Range[] {
  const ranges: Range[] = [];
  let i = text.indexOf('<!--');
  while (i >= 0) {
    const close = text.indexOf('-->', i + 4);
    if (close < 0) {
      ranges.push([i, text.length]);
      break;
    }
    ranges.push([i, close + 3]);
    i = text.indexOf('<!--', close + 3);
  }
  return ranges;
}
