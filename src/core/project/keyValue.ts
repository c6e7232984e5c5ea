// The top-level keys of YAML (mkdocs.yml, hugo.yaml) and TOML (hugo.toml, config.toml) configs: only what the project
// model needs (folder names, a title, theme names), read as data. A value we cannot read as a plain scalar or a flat
// list (anchors, tags such as `!!python/name`, multi-line strings, inline tables) is `Computed`, never guessed.
import { Computed, type StaticValue } from './literal';

type Flat = Record<string, StaticValue>;

/** Top-level `key: value` and `key:` + `- item` lists of a YAML document. */
export function readYamlTopLevel(text: string): Flat {
  const result: Flat = {};
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const match = /^([A-Za-z_][\w.-]*)\s*:(?:\s+(.*?))?\s*$/.exec(lines[index]!);
    if (!match) continue;
    const key = match[1]!;
    const raw = stripYamlComment(match[2] ?? '');
    if (raw !== '') {
      result[key] = yamlScalar(raw);
      continue;
    }
    // A block list right below: `- a` items, indented or not.
    const items: StaticValue[] = [];
    let next = index + 1;
    for (; next < lines.length; next++) {
      const line = lines[next]!;
      if (/^\s*(#.*)?$/.test(line)) continue;
      const item = /^\s*-\s+(.*?)\s*$/.exec(line);
      if (!item) break;
      items.push(yamlScalar(stripYamlComment(item[1]!)));
    }
    result[key] = items.length > 0 ? items : new Computed(`${key}: (a nested block)`);
    index = next - 1;
  }
  return result;
}

function stripYamlComment(value: string): string {
  if (value.startsWith('"') || value.startsWith("'")) return value;
  return value.replace(/\s+#.*$/, '').trim();
}

function yamlScalar(raw: string): StaticValue {
  if (/^"(?:[^"\\]|\\.)*"$/.test(raw)) return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^'(?:[^']|'')*'$/.test(raw)) return raw.slice(1, -1).replace(/''/g, "'");
  if (/^[!&*|>{]/.test(raw)) return new Computed(raw);
  if (raw.startsWith('[')) return flowList(raw);
  if (/^(true|yes|on)$/i.test(raw)) return true;
  if (/^(false|no|off)$/i.test(raw)) return false;
  if (/^(null|~)$/i.test(raw)) return null;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}

/** Top-level `key = value` of a TOML document, before its first `[table]`. */
export function readTomlTopLevel(text: string): Flat {
  const result: Flat = {};
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*\[/.test(line)) break;
    const match = /^\s*([A-Za-z_][\w-]*|"[^"]+")\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    const key = match[1]!.replace(/^"|"$/g, '');
    result[key] = tomlValue(match[2]!.replace(/\s+#[^"']*$/, ''));
  }
  return result;
}

function tomlValue(raw: string): StaticValue {
  if (/^"(?:[^"\\]|\\.)*"$/.test(raw)) return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^'[^']*'$/.test(raw)) return raw.slice(1, -1);
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (raw.startsWith('[') && raw.endsWith(']')) return flowList(raw);
  return new Computed(raw);
}

/** `["a", 'b', c]` on one line; anything nested is computed. */
function flowList(raw: string): StaticValue {
  if (!raw.endsWith(']') || /[[{]/.test(raw.slice(1, -1))) return new Computed(raw);
  const body = raw.slice(1, -1).trim();
  if (body === '') return [];
  return body.split(',').map((part) => part.trim()).filter(Boolean).map((part) => part.replace(/^(["'])(.*)\1$/, '$2'));
}

interface YamlLine {
  readonly indent: number;
  text: string;
}

/**
 * A whole YAML document in block style (nested mappings and `- ` lists, scalars, one-line `[a, b]` lists), for the
 * few nested settings the model reads (Hugo's `module: imports: mounts:`). Flow mappings, anchors, tags and
 * multi-line scalars are `Computed`; their continuation lines are skipped. Linear: each line is read once.
 */
export function readYamlDocument(text: string): StaticValue {
  const lines: YamlLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*(#.*)?$/.test(raw) || /^(---|\.\.\.)\s*$/.test(raw)) continue;
    if (/^\s*\t/.test(raw)) return new Computed('a tab in the indentation');
    const indent = raw.length - raw.trimStart().length;
    lines.push({ indent, text: stripYamlComment(raw.trim()) });
  }
  let i = 0;
  const isItem = (line: YamlLine) => line.text === '-' || line.text.startsWith('- ');

  function node(indent: number): StaticValue {
    return isItem(lines[i]!) ? sequence(indent) : mapping(indent);
  }

  function mapping(indent: number): StaticValue {
    const result: Flat = {};
    while (i < lines.length) {
      const line = lines[i]!;
      if (line.indent < indent || (line.indent === indent && isItem(line))) break;
      if (line.indent > indent) {
        i++; // a continuation of something not read (a multi-line scalar)
        continue;
      }
      const match = /^("[^"]*"|'[^']*'|[^\s:"'][^:]*?)\s*:(?:\s+(.*))?$/.exec(line.text);
      i++;
      if (!match) continue;
      const key = match[1]!.replace(/^(["'])(.*)\1$/, '$2');
      const rest = match[2] ?? '';
      if (rest !== '') result[key] = yamlScalar(rest);
      else if (i < lines.length && (lines[i]!.indent > indent || (lines[i]!.indent === indent && isItem(lines[i]!)))) result[key] = node(lines[i]!.indent);
      else result[key] = null;
    }
    return result;
  }

  function sequence(indent: number): StaticValue {
    const result: StaticValue[] = [];
    while (i < lines.length) {
      const line = lines[i]!;
      if (line.indent < indent || (line.indent === indent && !isItem(line))) break;
      if (line.indent > indent) {
        i++;
        continue;
      }
      const rest = line.text === '-' ? '' : line.text.slice(2).trimStart();
      if (rest === '') {
        i++;
        result.push(i < lines.length && lines[i]!.indent > indent ? node(lines[i]!.indent) : null);
      } else if (/^("[^"]*"|'[^']*'|[^\s:"'[{][^:]*?)\s*:(\s|$)/.test(rest)) {
        // `- key: value` starts a mapping whose other keys are indented to where `key` starts.
        lines[i] = { indent: indent + (line.text.length - rest.length), text: rest };
        result.push(mapping(lines[i]!.indent));
      } else {
        i++;
        result.push(yamlScalar(rest));
      }
    }
    return result;
  }

  if (lines.length === 0) return null;
  const top = node(lines[0]!.indent);
  return top;
}
