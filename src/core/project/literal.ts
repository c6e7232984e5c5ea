// Reads the object literal of a JavaScript/TypeScript config (or a JSONC file) as data, without executing anything.
// Literals (strings, numbers, booleans, arrays, objects) are read; a value computed in code becomes `Computed` with its
// source text, so callers can say "computed in code, fell back to the default" instead of guessing. The few pure
// path expressions configs use for folders (`path.resolve(__dirname, 'src')`, `fileURLToPath(new URL('./src',
// import.meta.url))`) are read as a `ConfigPath` relative to the config's folder. Linear in the input.

export class Computed {
  constructor(readonly source: string) {}
}

/** A folder given relative to the config file's folder by a path expression. */
export class ConfigPath {
  constructor(readonly path: string) {}
}

export type StaticValue = string | number | boolean | null | Computed | ConfigPath | StaticValue[] | StaticObject;
export interface StaticObject {
  readonly [key: string]: StaticValue;
}

export function isObject(value: StaticValue | undefined): value is StaticObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Computed) && !(value instanceof ConfigPath);
}

/** Reads the JSON-with-comments text of a tsconfig or JSON config; undefined when it is not an object. */
export function readJsonc(text: string): StaticObject | undefined {
  const value = new LiteralReader(text).valueAt(skipBom(text));
  return isObject(value) ? value : undefined;
}

/**
 * The exported config object of a JS/TS config: `export default {…}`, `export default defineConfig({…})` (any
 * wrapping calls), `export default config` with `const config = {…}`, or `module.exports = …`. A function config
 * (`defineConfig(({ mode }) => …)`) is computed. Undefined when the file exports nothing we can find.
 */
export function readJsConfig(text: string): StaticValue | undefined {
  const reader = new LiteralReader(text);
  const masked = reader.masked;
  const exported = /\bexport\s+default\s+|\bmodule\.exports\s*=\s*/g.exec(masked);
  if (!exported) return undefined;
  return reader.expressionAt(exported.index + exported[0].length, 0);
}

function skipBom(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

const MAX_DEPTH = 40;

class LiteralReader {
  /** The text with comments blanked (strings kept), so searches never match inside a comment. */
  readonly masked: string;

  constructor(private readonly text: string) {
    this.masked = maskComments(text);
  }

  /** A top-level expression: a literal, a call wrapping one, or an identifier bound by `const x = …`. */
  expressionAt(start: number, depth: number): StaticValue {
    const at = this.skipSpace(start);
    if (depth > 4) return new Computed(this.sourceUntilEnd(at));
    const identifier = /^[A-Za-z_$][\w$]*/.exec(this.masked.slice(at, at + 200));
    if (identifier) {
      const after = this.skipSpace(at + identifier[0].length);
      if (this.masked[after] === '(') {
        const inner = this.skipSpace(after + 1);
        if (this.masked[inner] === ')') return new Computed(this.sourceUntilEnd(at));
        // A wrapper such as defineConfig(…) / withMermaid(…): its first argument is the config.
        return this.expressionAt(inner, depth + 1);
      }
      if (['async', 'function'].includes(identifier[0])) return new Computed(this.sourceUntilEnd(at));
      if (/^[=;,)]|^$/.test(this.masked.slice(after, after + 1)) || this.masked.slice(after, after + 9) === 'satisfies' || this.masked.slice(after, after + 3) === 'as ') {
        const binding = new RegExp(`\\b(?:const|let|var)\\s+${escapeRegExp(identifier[0])}\\s*(?::[^=]{0,200})?=\\s*`).exec(this.masked);
        if (binding) return this.expressionAt(binding.index + binding[0].length, depth + 1);
        return new Computed(identifier[0]);
      }
    }
    return this.valueAt(at);
  }

  valueAt(start: number, depth = 0): StaticValue {
    const { value } = this.value(start, depth);
    return value;
  }

  private value(start: number, depth: number): { value: StaticValue; end: number } {
    const at = this.skipSpace(start);
    const char = this.text[at];
    if (depth > MAX_DEPTH) return this.computed(at);
    let result: { value: StaticValue; end: number } | undefined;
    if (char === '{') result = this.object(at, depth);
    else if (char === '[') result = this.array(at, depth);
    else if (char === '"' || char === "'" || char === '`') result = this.string(at);
    else result = this.scalarOrPath(at);
    if (!result) return this.computed(at);
    // `as const`, `satisfies Config` and other trailing operators: a literal followed by more code is computed.
    const next = this.skipSpace(result.end);
    if (/^(as|satisfies)\b/.test(this.masked.slice(next, next + 10))) return { value: result.value, end: this.skipExpression(next) };
    if (depth > 0 && next < this.text.length && !',}]);'.includes(this.masked[next]!)) return this.computed(at);
    return result;
  }

  private object(start: number, depth: number): { value: StaticObject; end: number } | undefined {
    const result: Record<string, StaticValue> = {};
    let at = start + 1;
    for (;;) {
      at = this.skipSpace(at);
      const char = this.masked[at];
      if (char === undefined) return undefined;
      if (char === '}') return { value: result, end: at + 1 };
      if (char === ',') {
        at++;
        continue;
      }
      if (this.masked.startsWith('...', at)) {
        const end = this.skipExpression(at + 3);
        result['...'] = new Computed(this.text.slice(at, end).trim());
        at = end;
        continue;
      }
      const key = this.key(at);
      if (!key) return undefined;
      at = this.skipSpace(key.end);
      if (this.masked[at] === ':') {
        const entry = this.value(at + 1, depth + 1);
        if (key.name !== undefined) result[key.name] = entry.value;
        at = entry.end;
      } else if (this.masked[at] === '(' || (key.name && /^[,}]/.test(this.masked[at] ?? ''))) {
        // A method `name() {…}` or a shorthand `{ name }`: code, not data.
        const end = this.masked[at] === '(' ? this.skipExpression(at) : at;
        if (key.name !== undefined) result[key.name] = new Computed(this.text.slice(key.start, end).trim());
        at = end;
      } else {
        return undefined;
      }
    }
  }

  private key(start: number): { name: string | undefined; start: number; end: number } | undefined {
    const char = this.masked[start];
    if (char === '"' || char === "'") {
      const literal = this.string(start);
      return literal && typeof literal.value === 'string' ? { name: literal.value, start, end: literal.end } : undefined;
    }
    if (char === '[') {
      // A computed key: its value is kept out of the object.
      const end = this.skipBalanced(start);
      return { name: undefined, start, end };
    }
    const match = /^(?:get\s+|set\s+|async\s+)?([A-Za-z_$][\w$]*|\d+)/.exec(this.masked.slice(start, start + 200));
    return match ? { name: match[1]!, start, end: start + match[0].length } : undefined;
  }

  private array(start: number, depth: number): { value: StaticValue[]; end: number } | undefined {
    const result: StaticValue[] = [];
    let at = start + 1;
    for (;;) {
      at = this.skipSpace(at);
      const char = this.masked[at];
      if (char === undefined) return undefined;
      if (char === ']') return { value: result, end: at + 1 };
      if (char === ',') {
        at++;
        continue;
      }
      const entry = this.value(at, depth + 1);
      result.push(entry.value);
      at = entry.end;
    }
  }

  private string(start: number): { value: StaticValue; end: number } | undefined {
    const quote = this.text[start]!;
    let out = '';
    for (let at = start + 1; at < this.text.length; at++) {
      const char = this.text[at]!;
      if (char === quote) return { value: out, end: at + 1 };
      if (quote === '`' && char === '$' && this.text[at + 1] === '{') return { value: new Computed(this.text.slice(start, this.skipTemplate(start))), end: this.skipTemplate(start) };
      if (char === '\n' && quote !== '`') return undefined;
      if (char === '\\') {
        const next = this.text[++at];
        if (next === undefined) return undefined;
        const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(at + 1, at + 5))) {
          out += String.fromCharCode(parseInt(this.text.slice(at + 1, at + 5), 16));
          at += 4;
        } else if (next !== '\n') out += escapes[next] ?? next;
        continue;
      }
      out += char;
    }
    return undefined;
  }

  private scalarOrPath(start: number): { value: StaticValue; end: number } | undefined {
    const rest = this.masked.slice(start, start + 400);
    const number = /^-?(?:0x[0-9a-f]+|\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?![\w$])/i.exec(rest);
    if (number) return { value: Number(number[0]), end: start + number[0].length };
    const word = /^(true|false|null|undefined)(?![\w$])/.exec(rest);
    if (word) return { value: word[1] === 'true' ? true : word[1] === 'false' ? false : null, end: start + word[0].length };
    const path = readPathExpression(rest);
    if (path) return { value: new ConfigPath(path.path), end: start + path.length };
    return undefined;
  }

  private computed(start: number): { value: Computed; end: number } {
    const end = this.skipExpression(start);
    return { value: new Computed(this.text.slice(start, end).trim()), end };
  }

  /** To the `,` `}` `]` or `)` that ends the expression at this depth. */
  private skipExpression(start: number): number {
    let at = start;
    while (at < this.masked.length) {
      const char = this.masked[at]!;
      if (',}]);'.includes(char)) return at;
      if ('{[('.includes(char)) at = this.skipBalanced(at);
      else if (char === '"' || char === "'" || char === '`') at = this.skipString(at);
      else at++;
    }
    return at;
  }

  private skipBalanced(start: number): number {
    const stack: string[] = [];
    let at = start;
    while (at < this.masked.length) {
      const char = this.masked[at]!;
      if (char === '"' || char === "'" || char === '`') {
        at = this.skipString(at);
        continue;
      }
      if ('{[('.includes(char)) stack.push({ '{': '}', '[': ']', '(': ')' }[char]!);
      else if ('}])'.includes(char)) {
        if (stack.pop() !== char) return at + 1;
        if (stack.length === 0) return at + 1;
      }
      at++;
    }
    return at;
  }

  private skipString(start: number): number {
    if (this.text[start] === '`') return this.skipTemplate(start);
    const quote = this.text[start]!;
    for (let at = start + 1; at < this.text.length; at++) {
      if (this.text[at] === '\\') at++;
      else if (this.text[at] === quote || this.text[at] === '\n') return at + 1;
    }
    return this.text.length;
  }

  /** A template literal, including `${…}` parts (nested braces counted, not parsed further). */
  private skipTemplate(start: number): number {
    let depth = 0;
    for (let at = start + 1; at < this.text.length; at++) {
      const char = this.text[at]!;
      if (char === '\\') at++;
      else if (depth === 0 && char === '`') return at + 1;
      else if (char === '$' && this.text[at + 1] === '{') {
        depth++;
        at++;
      } else if (depth > 0 && char === '{') depth++;
      else if (depth > 0 && char === '}') depth--;
    }
    return this.text.length;
  }

  private skipSpace(start: number): number {
    let at = start;
    while (at < this.masked.length && /\s/.test(this.masked[at]!)) at++;
    return at;
  }

  private sourceUntilEnd(start: number): string {
    return this.text.slice(start, Math.min(this.text.length, start + 120)).split('\n')[0]!.trim();
  }
}

/**
 * `path.resolve(__dirname, 'src', 'lib')`, `resolve(__dirname, './src')`, `path.join(__dirname, 'src')`,
 * `fileURLToPath(new URL('./src', import.meta.url))`, `new URL('./src', import.meta.url).pathname`: a folder relative
 * to the config. Any other argument makes the expression computed.
 */
function readPathExpression(text: string): { path: string; length: number } | undefined {
  const str = `(?:'([^'\\n]*)'|"([^"\\n]*)")`;
  const node = new RegExp(`^(?:path\\.)?(?:resolve|join)\\(\\s*(?:__dirname|process\\.cwd\\(\\))\\s*((?:,\\s*${str}\\s*)*)\\)`).exec(text);
  if (node) {
    const parts = [...node[1]!.matchAll(new RegExp(str, 'g'))].map((m) => m[1] ?? m[2] ?? '');
    return { path: parts.length === 0 ? '.' : parts.join('/'), length: node[0].length };
  }
  const url = new RegExp(`^(?:(?:url\\.)?fileURLToPath\\(\\s*new URL\\(\\s*${str}\\s*,\\s*import\\.meta\\.url\\s*\\)\\s*\\)|new URL\\(\\s*${str}\\s*,\\s*import\\.meta\\.url\\s*\\)\\.pathname)`).exec(text);
  if (url) return { path: url[1] ?? url[2] ?? url[3] ?? url[4] ?? '.', length: url[0].length };
  return undefined;
}

/** Blanks `//` and `/* *\/` comments outside strings (keeps offsets). */
function maskComments(text: string): string {
  let out = '';
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === '"' || char === "'" || char === '`') {
      const quote = char;
      let end = at + 1;
      while (end < text.length && text[end] !== quote && !(quote !== '`' && text[end] === '\n')) end += text[end] === '\\' ? 2 : 1;
      out += text.slice(at, end + 1);
      at = end + 1;
    } else if (char === '/' && text[at + 1] === '/') {
      const end = text.indexOf('\n', at);
      const stop = end < 0 ? text.length : end;
      out += ' '.repeat(stop - at);
      at = stop;
    } else if (char === '/' && text[at + 1] === '*') {
      const end = text.indexOf('*/', at + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(at, stop).replace(/[^\n]/g, ' ');
      at = stop;
    } else {
      out += char;
      at++;
    }
  }
  return out.slice(0, text.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
