// url() and image-set() references in CSS, SCSS and Less, with the width / height / aspect-ratio (or a px
// background-size) declared in the same rule and the rule's selector (SCSS/Less nesting resolved with `&`) as context.
// @font-face sources are fonts, never images; a sprite (an offset background-position) takes no size from its element.
// Linear on any input: one pass, hand-written url() reading, and selector expansion capped in count, length and depth.
import { checkCancelled } from './guard';
import { classifyPath, MAX_PATH_LENGTH } from './reference-path';
import { blankRanges, type Range } from './text';
import { parseAspectRatio, parsePixels } from '../size-values';
import type { ImageReference, SizeHint } from '../types';

export type CssDialect = 'css' | 'scss' | 'less';

interface Declaration {
  readonly name: string;
  readonly value: string;
  readonly valueStart: number;
}

interface Block {
  /** Resolved selector list; undefined at the top level and in at-rules without an enclosing rule. */
  readonly selectors: readonly string[] | undefined;
  readonly declarations: Declaration[];
  /** Inside @font-face: its url()s are fonts. */
  readonly font: boolean;
  readonly depth: number;
}

/** Selector lists multiply at each nesting level (`a,b,c,d{` x12 is 16 million selectors): keep the first few. */
const MAX_SELECTORS = 8;
const MAX_SELECTOR_LENGTH = 200;
/** Deeper rules are read as part of the deepest kept one: no real stylesheet nests this far. */
const MAX_NESTING = 32;

/**
 * @param text stylesheet (or inline `style` attribute) text
 * @param offset where `text` starts in the document
 */
export function findCssReferences(text: string, offset: number, dialect: CssDialect): ImageReference[] {
  const masked = maskComments(text, dialect !== 'css');
  const references: ImageReference[] = [];
  const stack: Block[] = [{ selectors: undefined, declarations: [], font: false, depth: 0 }];
  let segmentStart = 0;
  let parens = 0;
  let overflow = 0;
  const closeBlock = (block: Block) => blockReferences(text, block, offset, references);
  // Character codes, not one-character strings: this loop sees every character of the stylesheet.
  for (let i = 0; i < masked.length; i++) {
    checkCancelled(i);
    const code = masked.charCodeAt(i);
    // Nothing but quotes, parentheses, braces and semicolons changes the state.
    if (code !== 0x22 && code !== 0x27 && code !== 0x28 && code !== 0x29 && code !== 0x7b && code !== 0x7d && code !== 0x3b) continue;
    const ch = masked[i]!;
    if (ch === '"' || ch === "'") {
      i = endOfString(masked, i);
      continue;
    }
    if (ch === '(') parens++;
    else if (ch === ')') parens = Math.max(0, parens - 1);
    else if (ch === '{' && (masked[i - 1] === '#' || masked[i - 1] === '@')) {
      // SCSS #{...} / Less @{...} interpolation, part of the current selector or value.
      const close = masked.indexOf('}', i);
      i = close < 0 ? masked.length : close;
    } else if (parens > 0) continue;
    else if (ch === '{') {
      const parent = stack[stack.length - 1]!;
      if (parent.depth >= MAX_NESTING) {
        // Deeper blocks share the deepest kept one: the stack (and the work per brace) stays bounded.
        overflow++;
      } else {
        const prelude = masked.slice(segmentStart, Math.min(i, segmentStart + 2000)).trim();
        const font = parent.font || /^@font-face\b/i.test(prelude);
        stack.push({ selectors: nestedSelectors(parent.selectors, prelude), declarations: [], font, depth: parent.depth + 1 });
      }
      segmentStart = i + 1;
    } else if (ch === ';' || ch === '}') {
      const declaration = parseDeclaration(masked, segmentStart, i);
      if (declaration) stack[stack.length - 1]!.declarations.push(declaration);
      segmentStart = i + 1;
      if (ch === '}' && overflow > 0) overflow--;
      else if (ch === '}' && stack.length > 1) closeBlock(stack.pop()!);
    }
  }
  const last = parseDeclaration(masked, segmentStart, masked.length);
  if (last) stack[stack.length - 1]!.declarations.push(last);
  while (stack.length > 0) closeBlock(stack.pop()!);
  return references.sort((a, b) => a.range.start - b.range.start);
}

/** Size hints from declarations such as an inline `style` attribute. */
export function cssSizeHint(text: string): SizeHint {
  const declarations: Declaration[] = [];
  let start = 0;
  const masked = maskComments(text, false);
  for (let i = 0; i <= masked.length; i++) {
    if (i === masked.length || masked[i] === ';') {
      const declaration = parseDeclaration(masked, start, i);
      if (declaration) declarations.push(declaration);
      start = i + 1;
    }
  }
  return sizeHint(declarations);
}

/** Appends the block's references to `result` (the hint and context are worked out only for a block that has one). */
function blockReferences(text: string, block: Block, offset: number, result: ImageReference[]): void {
  if (block.font) return;
  let hint: SizeHint | undefined;
  let context: string | undefined;
  for (const declaration of block.declarations) {
    for (const { start, length } of urlsIn(declaration.value)) {
      const at = declaration.valueStart + start;
      const rawPath = text.slice(at, at + length);
      const classified = classifyPath(rawPath, 'markup');
      if (classified === undefined) continue;
      if (hint === undefined) {
        hint = sizeHint(block.declarations);
        context = block.selectors?.join(', ');
      }
      const reference: ImageReference = {
        path: classified.path,
        rawPath,
        range: { start: offset + at, end: offset + at + length },
        kind: 'css-url',
        form: classified.form,
      };
      Object.assign(reference, hint);
      if (context) Object.assign(reference, { context });
      result.push(reference);
    }
  }
}

/**
 * Paths in `url(a.png)`, `url("a.png")` and the strings of `image-set("a.png" 1x, "b.png" 2x)` (also `-webkit-`),
 * as offsets into `value`. One pass: each character is looked at a bounded number of times.
 */
export function urlsIn(value: string): { start: number; length: number }[] {
  const found: { start: number; length: number }[] = [];
  let depth = 0;
  /** Paren depth inside the innermost image-set(), or -1 outside one. */
  let imageSet = -1;
  let i = 0;
  while (i < value.length) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      const close = closingQuote(value, i);
      if (close < 0) {
        i++;
        continue;
      }
      if (imageSet >= 0 && depth === imageSet && close - i - 1 > 0) found.push({ start: i + 1, length: close - i - 1 });
      i = close + 1;
      continue;
    }
    if (c === 0x28) depth++;
    else if (c === 0x29) {
      if (depth === imageSet) imageSet = -1;
      depth = Math.max(0, depth - 1);
    } else if ((c | 0x20) === 0x75 && startsWithWord(value, i, 'url(')) {
      i = readUrl(value, i + 4, found);
      continue;
    } else if ((c | 0x20) === 0x69 && startsWithWord(value, i, 'image-set(')) {
      depth++;
      imageSet = depth;
      i += 'image-set('.length;
      continue;
    }
    i++;
  }
  return found;
}

/** `word` (lower case) at `at`, case-insensitively, not preceded by a name character (`-webkit-` is fine). */
function startsWithWord(value: string, at: number, word: string): boolean {
  if (at > 0 && /[\w]/.test(value[at - 1]!)) return false;
  return value.slice(at, at + word.length).toLowerCase() === word;
}

/** Reads the url whose text starts at `from` (just after `url(`); returns where to go on. */
function readUrl(value: string, from: number, found: { start: number; length: number }[]): number {
  let j = from;
  while (j < value.length && isSpace(value.charCodeAt(j))) j++;
  const ch = value.charCodeAt(j);
  if (ch === 0x22 || ch === 0x27) {
    const close = closingQuote(value, j);
    if (close < 0) return j + 1;
    if (close - j - 1 > 0) found.push({ start: j + 1, length: close - j - 1 });
    let end = close + 1;
    while (end < value.length && isSpace(value.charCodeAt(end))) end++;
    return value.charCodeAt(end) === 0x29 ? end + 1 : close + 1;
  }
  // Unquoted: up to `)`, whitespace or a character an unquoted url cannot hold.
  let k = j;
  while (k < value.length && k - j <= MAX_PATH_LENGTH) {
    const c = value.charCodeAt(k);
    if (c === 0x29 || c === 0x28 || c === 0x22 || c === 0x27 || isSpace(c)) break;
    k++;
  }
  let end = k;
  while (end < value.length && isSpace(value.charCodeAt(end))) end++;
  if (value.charCodeAt(end) === 0x29 && k > j) {
    found.push({ start: j, length: k - j });
    return end + 1;
  }
  return Math.max(k, from);
}

/** Index of the quote closing the string at `at` (same line, bounded length), or -1. */
function closingQuote(value: string, at: number): number {
  const quote = value.charCodeAt(at);
  const limit = Math.min(value.length, at + MAX_PATH_LENGTH + 2);
  for (let i = at + 1; i < limit; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === quote) return i;
    else if (c === 0x0a) return -1;
  }
  return -1;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0c;
}

function sizeHint(declarations: readonly Declaration[]): SizeHint {
  let width: number | undefined;
  let height: number | undefined;
  let aspectRatio: number | undefined;
  let sprite = false;
  let background: { width?: number; height?: number } | undefined;
  for (const { name, value } of declarations) {
    const lower = name.toLowerCase();
    const plain = value.length > 200 ? '' : value.replace(/\s*!important$/i, '');
    if (lower === 'width') width = parsePixels(plain);
    else if (lower === 'height') height = parsePixels(plain);
    else if (lower === 'aspect-ratio') aspectRatio = parseAspectRatio(plain);
    else if (lower === 'background-position') sprite = isOffset(plain);
    else if (lower === 'background') sprite ||= /(^|\s)-\d/.test(plain);
    else if (lower === 'background-size') {
      const [w, h] = plain.trim().split(/\s+/);
      const bw = w === undefined ? undefined : parsePixels(w);
      const bh = h === undefined ? undefined : parsePixels(h);
      if (bw !== undefined || bh !== undefined) background = { ...(bw !== undefined ? { width: bw } : {}), ...(bh !== undefined ? { height: bh } : {}) };
    }
  }
  // A px background-size is the image's own size; a sprite sheet's element shows only a cell of it.
  if (background) return background;
  if (sprite) return {};
  return {
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
    ...(aspectRatio !== undefined ? { aspectRatio } : {}),
  };
}

/** `-32px 0`, `0 -16px`, `10px 20px`: a cell of a sprite sheet; keywords, 0 and percentages are not offsets. */
function isOffset(value: string): boolean {
  return value.split(/[\s,]+/).some((part) => /^-?\d+(\.\d+)?px$/i.test(part) && !/^-?0+(\.0+)?px$/i.test(part));
}

function parseDeclaration(masked: string, start: number, end: number): Declaration | undefined {
  const segment = masked.slice(start, end);
  const match = /^\s*([$@]?[-\w]+)\s*:/.exec(segment);
  if (!match) return undefined;
  const value = segment.slice(match[0].length);
  const lead = value.length - value.trimStart().length;
  return { name: match[1]!, value: value.trim(), valueStart: start + match[0].length + lead };
}

/** `.hero { &__img {} .caption {} }` -> `.hero__img`, `.hero .caption`; at-rules keep the enclosing selector. */
function nestedSelectors(parent: readonly string[] | undefined, prelude: string): readonly string[] | undefined {
  if (prelude.startsWith('@')) return parent;
  const parts = splitTopLevelCommas(prelude)
    .slice(0, MAX_SELECTORS)
    .map((p) => p.slice(0, MAX_SELECTOR_LENGTH).replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (parts.length === 0) return parent;
  if (!parent) return parts;
  const result: string[] = [];
  for (const outer of parent) {
    for (const inner of parts) {
      if (result.length === MAX_SELECTORS) return result;
      result.push(combine(outer, inner));
    }
  }
  return result;
}

/** `inner` with `&` replaced by `outer` (or `outer inner`), cut at MAX_SELECTOR_LENGTH without building more. */
function combine(outer: string, inner: string): string {
  if (!inner.includes('&')) return `${outer} ${inner}`.slice(0, MAX_SELECTOR_LENGTH);
  const pieces = inner.split('&');
  let result = pieces[0]!;
  for (let k = 1; k < pieces.length && result.length < MAX_SELECTOR_LENGTH; k++) result += outer + pieces[k]!;
  return result.slice(0, MAX_SELECTOR_LENGTH);
}

function splitTopLevelCommas(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Replaces comments by spaces so offsets stay true; `//` comments only in SCSS/Less and never inside url(...). */
function maskComments(text: string, lineComments: boolean): string {
  const ranges: Range[] = [];
  let parens = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 || ch === 0x27) {
      i = endOfString(text, i) + 1;
    } else if (ch === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      ranges.push([i, end]);
      i = end;
    } else if (lineComments && parens === 0 && ch === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      const close = text.indexOf('\n', i);
      const end = close < 0 ? text.length : close;
      ranges.push([i, end]);
      i = end;
    } else {
      if (ch === 0x28) parens++;
      else if (ch === 0x29) parens = Math.max(0, parens - 1);
      i++;
    }
  }
  return blankRanges(text, ranges);
}

/** Index of the closing quote of the string starting at `at` (or the last index when unterminated). */
function endOfString(text: string, at: number): number {
  const quote = text[at];
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote || text[i] === '\n') return i;
  }
  return text.length - 1;
}
