// url() references in CSS, SCSS and Less, with the width / height / aspect-ratio declared in the same rule and the
// rule's selector (SCSS/Less nesting resolved with `&`) as context.
import { classifyPath } from './reference-path';
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
}

/**
 * @param text stylesheet (or inline `style` attribute) text
 * @param offset where `text` starts in the document
 */
export function findCssReferences(text: string, offset: number, dialect: CssDialect): ImageReference[] {
  const masked = maskComments(text, dialect !== 'css');
  const references: ImageReference[] = [];
  const stack: Block[] = [{ selectors: undefined, declarations: [] }];
  let segmentStart = 0;
  let parens = 0;
  const closeBlock = (block: Block) => references.push(...blockReferences(text, block, offset));
  for (let i = 0; i < masked.length; i++) {
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
      const prelude = masked.slice(segmentStart, i).trim();
      const parent = stack[stack.length - 1]!;
      stack.push({ selectors: nestedSelectors(parent.selectors, prelude), declarations: [] });
      segmentStart = i + 1;
    } else if (ch === ';' || ch === '}') {
      const declaration = parseDeclaration(masked, segmentStart, i);
      if (declaration) stack[stack.length - 1]!.declarations.push(declaration);
      segmentStart = i + 1;
      if (ch === '}' && stack.length > 1) closeBlock(stack.pop()!);
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

function blockReferences(text: string, block: Block, offset: number): ImageReference[] {
  const hint = sizeHint(block.declarations);
  const context = block.selectors?.join(', ');
  const result: ImageReference[] = [];
  for (const declaration of block.declarations) {
    const pattern = /\burl\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s"']*))\s*\)/gi;
    for (let match = pattern.exec(declaration.value); match; match = pattern.exec(declaration.value)) {
      const quoted = match[1] ?? match[2];
      const raw = quoted ?? match[3]!;
      const innerIndex = match[0].indexOf(raw, 4);
      const start = declaration.valueStart + match.index + innerIndex;
      const rawPath = text.slice(start, start + raw.length);
      const classified = classifyPath(rawPath, 'markup');
      if (classified === undefined) continue;
      result.push({
        path: classified.path,
        rawPath,
        range: { start: offset + start, end: offset + start + raw.length },
        kind: 'css-url',
        form: classified.form,
        ...hint,
        ...(context ? { context } : {}),
      });
    }
  }
  return result;
}

function sizeHint(declarations: readonly Declaration[]): SizeHint {
  let width: number | undefined;
  let height: number | undefined;
  let aspectRatio: number | undefined;
  for (const { name, value } of declarations) {
    const lower = name.toLowerCase();
    if (lower === 'width') width = parsePixels(value.replace(/\s*!important$/i, ''));
    else if (lower === 'height') height = parsePixels(value.replace(/\s*!important$/i, ''));
    else if (lower === 'aspect-ratio') aspectRatio = parseAspectRatio(value);
  }
  return {
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
    ...(aspectRatio !== undefined ? { aspectRatio } : {}),
  };
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
  const parts = splitTopLevelCommas(prelude).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  if (parts.length === 0) return parent;
  if (!parent) return parts;
  return parent.flatMap((outer) => parts.map((inner) => (inner.includes('&') ? inner.replace(/&/g, outer) : `${outer} ${inner}`)));
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
  // Copies untouched stretches in one slice each: building the result a character at a time costs more in garbage
  // collection than the scan itself on large stylesheets.
  const parts: string[] = [];
  let copied = 0;
  let parens = 0;
  let i = 0;
  const blankOut = (end: number) => {
    parts.push(text.slice(copied, i), blank(text.slice(i, end)));
    copied = end;
    i = end;
  };
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 || ch === 0x27) {
      i = endOfString(text, i) + 1;
    } else if (ch === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const close = text.indexOf('*/', i + 2);
      blankOut(close < 0 ? text.length : close + 2);
    } else if (lineComments && parens === 0 && ch === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      const close = text.indexOf('\n', i);
      blankOut(close < 0 ? text.length : close);
    } else {
      if (ch === 0x28) parens++;
      else if (ch === 0x29) parens = Math.max(0, parens - 1);
      i++;
    }
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
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
