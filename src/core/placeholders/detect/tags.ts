// Reads the attributes of one start tag in HTML, Vue, Svelte or JSX. Brace values (`{expr}`) are kept as
// expressions; only plain string or number literals inside them count as values, everything else is not guessed.

export interface AttributeValue {
  readonly kind: 'quoted' | 'unquoted' | 'expression';
  /** The value text without quotes or braces. */
  readonly text: string;
  /** Offset of `text` in the document. */
  readonly start: number;
}

export interface Attribute {
  readonly name: string;
  readonly value?: AttributeValue;
}

export interface StartTag {
  readonly name: string;
  readonly start: number;
  /** Offset just after the closing `>` (or the end of the text for an unterminated tag). */
  readonly end: number;
  readonly attributes: readonly Attribute[];
}

// Sticky patterns match at lastIndex without copying the rest of the document.
const TAG_NAME = /<([A-Za-z][\w.:-]*)/y;
const ATTRIBUTE_NAME = /[^\s=>/"'{]+/y;
const UNQUOTED_VALUE = /[^\s>]*/y;

/**
 * Attributes kept per tag: real tags have a handful; `<img <img <img ...` is one tag with 200 000 "attributes"
 * that every attribute lookup would walk. Later attributes are read past (to find the tag's end), not kept.
 */
export const MAX_ATTRIBUTES = 256;

/** Parses the tag whose `<` is at `start`; `undefined` when it is not a start tag. */
export function parseStartTag(text: string, start: number): StartTag | undefined {
  TAG_NAME.lastIndex = start;
  const nameMatch = TAG_NAME.exec(text);
  if (!nameMatch) return undefined;
  const name = nameMatch[1]!;
  const attributes: Attribute[] = [];
  let i = start + nameMatch[0].length;
  while (i < text.length) {
    i = skipSpace(text, i);
    const ch = text[i];
    if (ch === undefined) break;
    if (ch === '>') return { name, start, end: i + 1, attributes };
    if (ch === '/' && text[i + 1] === '>') return { name, start, end: i + 2, attributes };
    if (ch === '{') {
      // Spread or Svelte shorthand: {...props}, {src}. Not a literal.
      i = skipBraces(text, i);
      continue;
    }
    ATTRIBUTE_NAME.lastIndex = i;
    const attrName = ATTRIBUTE_NAME.exec(text);
    if (!attrName) {
      i++;
      continue;
    }
    i += attrName[0].length;
    const afterName = skipSpace(text, i);
    if (text[afterName] !== '=') {
      if (attributes.length < MAX_ATTRIBUTES) attributes.push({ name: attrName[0] });
      continue;
    }
    const valueStart = skipSpace(text, afterName + 1);
    const read = readValue(text, valueStart);
    if (attributes.length < MAX_ATTRIBUTES) attributes.push({ name: attrName[0], value: read.value });
    i = read.end;
  }
  return { name, start, end: text.length, attributes };
}

function readValue(text: string, at: number): { value: AttributeValue; end: number } {
  const ch = text[at];
  if (ch === '"' || ch === "'") {
    const close = text.indexOf(ch, at + 1);
    const end = close < 0 ? text.length : close;
    return { value: { kind: 'quoted', text: text.slice(at + 1, end), start: at + 1 }, end: end + 1 };
  }
  if (ch === '{') {
    const end = skipBraces(text, at);
    return { value: { kind: 'expression', text: text.slice(at + 1, end - 1), start: at + 1 }, end };
  }
  UNQUOTED_VALUE.lastIndex = at;
  const match = UNQUOTED_VALUE.exec(text)!;
  let raw = match[0];
  if (raw.endsWith('/') && text[at + raw.length] === '>') raw = raw.slice(0, -1);
  return { value: { kind: 'unquoted', text: raw, start: at }, end: at + raw.length };
}

/**
 * Index just after the `}` matching the `{` at `at`, skipping strings and template literals (with their `${}`).
 * Iterative with an explicit stack, so `${`${`${...` nesting cannot overflow the call stack; linear in what it skips.
 */
export function skipBraces(text: string, at: number): number {
  // Each entry is what the innermost open construct is: a brace, or a template literal waiting for its backtick.
  const stack: number[] = [];
  const BRACE = 0;
  const TEMPLATE = 1;
  let i = at;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    const inTemplate = stack.length > 0 && stack[stack.length - 1] === TEMPLATE;
    if (inTemplate) {
      if (ch === 0x5c) i += 2;
      else if (ch === 0x60) {
        stack.pop();
        i++;
      } else if (ch === 0x24 && text.charCodeAt(i + 1) === 0x7b) {
        stack.push(BRACE);
        i += 2;
      } else i++;
      continue;
    }
    if (ch === 0x22 || ch === 0x27) {
      i = skipQuoted(text, i);
      continue;
    }
    if (ch === 0x60) {
      stack.push(TEMPLATE);
      i++;
      continue;
    }
    if (ch === 0x7b) stack.push(BRACE);
    else if (ch === 0x7d) {
      stack.pop();
      if (stack.length === 0) return i + 1;
    }
    i++;
  }
  return text.length;
}

/** Just after the closing quote of a '...' or "..." string starting at `at` (a string ends at a newline too). */
function skipQuoted(text: string, at: number): number {
  const quote = text.charCodeAt(at);
  let i = at + 1;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5c) i += 2;
    else if (ch === quote) return i + 1;
    else if (ch === 0x0a) return i;
    else i++;
  }
  return text.length;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0c;
}

export interface LiteralValue {
  readonly text: string;
  readonly start: number;
}

/**
 * The literal an attribute holds: a quoted or unquoted value, or a brace expression that is exactly one string
 * literal (`{"a.png"}`, `{'a.png'}`, a template without `${}`) or number (`{1200}`).
 */
export function literalValue(attribute: Attribute | undefined): LiteralValue | undefined {
  const value = attribute?.value;
  if (!value) return undefined;
  if (value.kind !== 'expression') return { text: value.text, start: value.start };
  const match = /^(\s*)(?:"([^"\\]*)"|'([^'\\]*)'|`([^`\\$]*)`|(\d+(?:\.\d+)?))\s*$/.exec(value.text);
  if (!match) return undefined;
  const inner = match[2] ?? match[3] ?? match[4];
  if (inner !== undefined) return { text: inner, start: value.start + match[1]!.length + 1 };
  return { text: match[5]!, start: value.start + match[1]!.length };
}

/** The first attribute (in the tag's order) with one of these names, case-insensitively; no allocation per call. */
export function findAttribute(tag: StartTag, ...names: string[]): Attribute | undefined {
  for (const attribute of tag.attributes) {
    const lower = attribute.name.toLowerCase();
    for (const name of names) if (lower === name || lower === name.toLowerCase()) return attribute;
  }
  return undefined;
}
