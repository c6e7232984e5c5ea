// Image files a module refers to: `import hero from './hero.png'`, `import './x.png'`, `import('./x.png')`,
// `export … from`, `require('./x.png')` and `new URL('./x.png', import.meta.url)`. Only specifiers with an image
// extension count; where they point is resolve.ts's job (`form` says how they are written). One regex with no
// nested quantifiers finds the keywords; specifiers are read by hand on one line: linear.
import { nearestBefore, type Landmark } from '../headings';
import type { ImageReference, ReferenceForm } from '../types';
import { checkCancelled } from './guard';
import { classifyPath, MAX_PATH_LENGTH, type PathContext } from './reference-path';
import { blankRanges, type Range } from './text';

const KEYWORD = /\b(from|import|require|URL)\s*(\(\s*)?(['"`])/g;
const AFTER_URL = /\s{0,20},\s{0,20}import\.meta\.url\b/y;

/** A module's image references, with the imported name (`heroImage`) for the prompt when there is one. */
export function findModuleReferences(masked: string, offset: number, landmarks: readonly Landmark[]): ImageReference[] {
  const references: ImageReference[] = [];
  KEYWORD.lastIndex = 0;
  let count = 0;
  for (let match = KEYWORD.exec(masked); match; match = KEYWORD.exec(masked)) {
    checkCancelled(count++);
    const keyword = match[1]!;
    const call = match[2] !== undefined;
    const quoteAt = match.index + match[0].length - 1;
    const close = closingQuote(masked, quoteAt);
    if (close < 0) continue;
    KEYWORD.lastIndex = close + 1;
    const context = specifierContext(masked, match.index, keyword, call, close);
    if (!context) continue;
    const rawPath = masked.slice(quoteAt + 1, close);
    const classified = classifyPath(rawPath, context);
    if (!classified) continue;
    const binding = keyword === 'from' ? importedName(masked, match.index) : undefined;
    const landmark = nearestBefore(landmarks, offset + match.index);
    references.push({
      path: classified.path,
      rawPath,
      range: { start: offset + quoteAt + 1, end: offset + close },
      kind: 'import',
      form: classified.form as ReferenceForm,
      role: 'content',
      ...(binding ? { context: binding } : landmark ? { context: landmark } : {}),
    });
  }
  return references;
}

function specifierContext(text: string, at: number, keyword: string, call: boolean, close: number): PathContext | undefined {
  if (keyword === 'from') return call ? undefined : 'import';
  if (keyword === 'import') return text.charCodeAt(at - 1) === 0x2e /* .import */ ? undefined : 'import';
  if (keyword === 'require') return call ? 'require' : undefined;
  if (!call || !/\bnew\s{1,20}$/.test(text.slice(Math.max(0, at - 24), at))) return undefined;
  AFTER_URL.lastIndex = close + 1;
  return AFTER_URL.test(text) ? 'url-import' : undefined;
}

/** `import heroImage from` / `import heroImage, { x } from` -> "heroImage" (looked for in a short window). */
function importedName(text: string, fromAt: number): string | undefined {
  const window = text.slice(Math.max(0, fromAt - 200), fromAt);
  return /\bimport\s+([A-Za-z_$][\w$]*)\s*(?:,\s*\{[^{}]*\}\s*)?$/.exec(window)?.[1];
}

function closingQuote(text: string, at: number): number {
  const quote = text.charCodeAt(at);
  const limit = Math.min(text.length, at + MAX_PATH_LENGTH + 2);
  for (let i = at + 1; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === quote) return i;
    else if (c === 0x0a) return -1;
  }
  return -1;
}

/**
 * Blanks `/* … *\/` comments and `//` comments: at the start of a line, or after code (the last character before it
 * is one of `;,{}()[]=` and no double-quoted or template string is open on the line). JSX text (`<p>Don't //
 * this</p>`) and URLs (`https://`) are left alone. One pass, offsets unchanged.
 */
export function maskJsComments(text: string): string {
  const ranges: Range[] = [];
  let lineStart = 0;
  let nextNewline = text.indexOf('\n');
  let i = 0;
  while (i < text.length) {
    checkCancelled(i);
    const slash = text.indexOf('/', i);
    if (slash < 0) break;
    while (nextNewline >= 0 && nextNewline < slash) {
      lineStart = nextNewline + 1;
      nextNewline = text.indexOf('\n', lineStart);
    }
    const next = text.charCodeAt(slash + 1);
    if (next === 0x2a /* * */) {
      const close = text.indexOf('*/', slash + 2);
      const end = close < 0 ? text.length : close + 2;
      ranges.push([slash, end]);
      i = end;
      continue;
    }
    if (next === 0x2f /* / */ && isLineComment(text, lineStart, slash)) {
      const close = text.indexOf('\n', slash);
      const end = close < 0 ? text.length : close;
      ranges.push([slash, end]);
      i = end;
      continue;
    }
    i = next === 0x2f ? slash + 2 : slash + 1;
  }
  return blankRanges(text, ranges);
}

const CODE_BEFORE_COMMENT = new Set([';', ',', '{', '}', '(', ')', '[', ']', '=']);

function isLineComment(text: string, lineStart: number, slash: number): boolean {
  // Only a bounded stretch of the line before the comment is read: long minified lines cost the same per comment.
  const from = Math.max(lineStart, slash - 160);
  const before = text.slice(from, slash);
  const code = before.trimEnd();
  if (code.trim() === '') return from === lineStart;
  if (!CODE_BEFORE_COMMENT.has(code[code.length - 1]!)) return false;
  let doubles = 0;
  let backticks = 0;
  for (let k = 0; k < before.length; k++) {
    const c = before.charCodeAt(k);
    if (c === 0x5c) k++;
    else if (c === 0x22) doubles++;
    else if (c === 0x60) backticks++;
  }
  return doubles % 2 === 0 && backticks % 2 === 0;
}
