// Hugo's module configuration, read as data from hugo.toml / hugo.yaml / hugo.json (under `module`) or from
// config/_default/module.{toml,yaml,json} (the same keys at the top): the imported modules, their mounts, the project's
// own mounts and `replacements`. Only what decides which folders are served at `/`: mounts whose target is `static`
// or below it. Anything that is not plain data (inline TOML tables, YAML anchors or flow mappings) is said in `unread`,
// never guessed.
import { isObject, readJsonc, type StaticValue } from './literal';
import { readYamlDocument } from './keyValue';

export interface HugoMount {
  /** Relative to the project (or to the module's folder for an import's mounts). */
  readonly source: string;
  /** `static` or `static/…`. */
  readonly target: string;
}

export interface HugoModuleImport {
  readonly path: string;
  /** The import's own mounts when it lists any (they replace the module's defaults). */
  readonly mounts?: readonly HugoMount[];
}

export interface HugoModuleConfig {
  readonly imports: readonly HugoModuleImport[];
  /** The project's own mounts (every target; `staticMounts` picks the static ones). */
  readonly mounts: readonly HugoMount[];
  /** `module.replacements`: module path -> local folder (`github.com/a/b -> ../b`). */
  readonly replacements: ReadonlyMap<string, string>;
  /** What could not be read as data ("module.imports is an inline table"). */
  readonly unread: readonly string[];
}

export type HugoConfigFormat = 'toml' | 'yaml' | 'json';

export function hugoConfigFormat(file: string): HugoConfigFormat | undefined {
  if (file.endsWith('.toml')) return 'toml';
  if (/\.ya?ml$/.test(file)) return 'yaml';
  if (file.endsWith('.json')) return 'json';
  return undefined;
}

/** Configs are small; a longer text is not read (said, not guessed). */
const MAX_CONFIG_CHARS = 512 * 1024;

/**
 * @param topLevel the keys are at the top (config/_default/module.toml), not under `module`
 */
export function readHugoModuleConfig(text: string, format: HugoConfigFormat, topLevel = false): HugoModuleConfig {
  if (text.length > MAX_CONFIG_CHARS) return { imports: [], mounts: [], replacements: new Map(), unread: ['the config is too large to read'] };
  if (format === 'toml') return readToml(text, topLevel);
  const document = format === 'yaml' ? readYamlDocument(text) : readJsonc(text);
  const module = topLevel ? document : isObject(document) ? document.module : undefined;
  return fromValue(module);
}

/** The mounts that serve files at `/`: target `static` or `static/…`, not disabled, with a relative source. */
export function staticMounts(mounts: readonly HugoMount[]): HugoMount[] {
  return mounts.filter((m) => /^static(\/|$)/.test(m.target.replace(/^\/+/, '')) && m.source !== '' && !m.source.startsWith('/') && !/^[a-z]:/i.test(m.source));
}

/** `static/images` -> `/images/`; `static` -> undefined (served at `/`). */
export function mountUrlPrefix(target: string): string | undefined {
  const rest = target.replace(/^\/+/, '').replace(/^static\/?/, '').replace(/\/+$/, '');
  return rest === '' ? undefined : `/${rest}/`;
}

function fromValue(module: StaticValue | undefined): HugoModuleConfig {
  const unread: string[] = [];
  const imports: HugoModuleImport[] = [];
  const mounts: HugoMount[] = [];
  if (!isObject(module)) {
    if (module !== undefined && module !== null) unread.push('module is not a plain mapping');
    return { imports, mounts, replacements: new Map(), unread };
  }
  const rawImports = module.imports;
  if (Array.isArray(rawImports)) {
    for (const item of rawImports) {
      if (typeof item === 'string') imports.push({ path: item });
      else if (isObject(item) && typeof item.path === 'string') {
        if (item.disable === true) continue;
        const own = item.mounts === undefined ? undefined : mountsOf(item.mounts, `module.imports ${item.path} mounts`, unread);
        imports.push({ path: item.path, ...(own ? { mounts: own } : {}) });
      } else unread.push('an entry of module.imports is not a mapping with a path');
    }
  } else if (rawImports !== undefined) unread.push('module.imports is not a list');
  if (module.mounts !== undefined) mounts.push(...(mountsOf(module.mounts, 'module.mounts', unread) ?? []));
  return { imports, mounts, replacements: replacementsOf(module.replacements, unread), unread };
}

function mountsOf(value: StaticValue, where: string, unread: string[]): HugoMount[] | undefined {
  if (!Array.isArray(value)) {
    unread.push(`${where} is not a list`);
    return undefined;
  }
  const result: HugoMount[] = [];
  for (const item of value) {
    if (isObject(item) && typeof item.source === 'string' && typeof item.target === 'string') {
      if (item.disable !== true) result.push({ source: item.source.replace(/^\.\//, '').replace(/\/+$/, ''), target: item.target });
    } else unread.push(`an entry of ${where} is not a { source, target } mapping`);
  }
  return result;
}

function replacementsOf(value: StaticValue | undefined, unread: string[]): Map<string, string> {
  const result = new Map<string, string>();
  if (value === undefined || value === null) return result;
  const entries = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (!entries) {
    unread.push('module.replacements is not a string or a list');
    return result;
  }
  for (const entry of entries) {
    const match = typeof entry === 'string' ? /^\s*(\S+)\s*->\s*(\S+)\s*$/.exec(entry) : null;
    if (match) result.set(match[1]!, match[2]!);
    else unread.push('an entry of module.replacements is not "path -> folder"');
  }
  return result;
}

/**
 * TOML, line by line: `[[module.imports]]`, `[[module.imports.mounts]]`, `[[module.mounts]]` and `[module]` tables
 * with `key = "string"` / `key = true` lines. Inline tables and arrays of tables written inline are said, not read.
 */
function readToml(text: string, topLevel: boolean): HugoModuleConfig {
  const prefix = topLevel ? '' : 'module.';
  type Table = 'module' | 'import' | 'import-mount' | 'mount' | 'other';
  const imports: { path?: string; disable?: boolean; mounts?: Partial<HugoMount & { disable: boolean }>[] }[] = [];
  const mounts: Partial<HugoMount & { disable: boolean }>[] = [];
  const unread: string[] = [];
  let replacements: StaticValue | undefined;
  let table: Table = topLevel ? 'module' : 'other';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^(\[\[?)\s*([\w.-]+)\s*\]\]?\s*(?:#.*)?$/.exec(line);
    if (header) {
      const name = header[2]!;
      const array = header[1] === '[[';
      if (array && name === `${prefix}imports`) {
        imports.push({});
        table = 'import';
      } else if (array && name === `${prefix}imports.mounts`) {
        const last = imports[imports.length - 1];
        if (last) (last.mounts ??= []).push({});
        table = last ? 'import-mount' : 'other';
      } else if (array && name === `${prefix}mounts`) {
        mounts.push({});
        table = 'mount';
      } else if (!array && (topLevel ? false : name === 'module')) table = 'module';
      else table = 'other';
      continue;
    }
    if (table === 'other') continue;
    const pair = /^([\w-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!pair) continue;
    const key = pair[1]!;
    const value = tomlScalar(pair[2]!);
    if (table === 'module') {
      if (key === 'replacements') replacements = value;
      else if (key === 'imports' || key === 'mounts') unread.push(`${prefix}${key} is written inline; not read`);
      continue;
    }
    const entry = table === 'import' ? imports[imports.length - 1]! : table === 'mount' ? mounts[mounts.length - 1]! : imports[imports.length - 1]!.mounts![imports[imports.length - 1]!.mounts!.length - 1]!;
    if (key === 'mounts' && table === 'import') {
      unread.push(`the mounts of an import are written inline; not read`);
      continue;
    }
    if (key === 'disable') (entry as { disable?: boolean }).disable = value === true;
    else if (typeof value === 'string' && (key === 'path' || key === 'source' || key === 'target')) (entry as Record<string, string>)[key] = value;
  }
  const toMounts = (list: Partial<HugoMount & { disable: boolean }>[]): StaticValue => list.map((m) => ({ ...m }));
  const value = {
    imports: importsValue(imports),
    ...(mounts.length > 0 ? { mounts: toMounts(mounts) } : {}),
    ...(replacements !== undefined ? { replacements } : {}),
  };
  return withUnread(fromValue(value), unread);

  function importsValue(list: typeof imports): StaticValue {
    return list.map((i) => ({ ...(i.path !== undefined ? { path: i.path } : {}), ...(i.disable ? { disable: true } : {}), ...(i.mounts ? { mounts: toMounts(i.mounts) } : {}) }));
  }
}

function withUnread(config: HugoModuleConfig, more: readonly string[]): HugoModuleConfig {
  return more.length === 0 ? config : { ...config, unread: [...more, ...config.unread] };
}

function tomlScalar(raw: string): StaticValue {
  const value = raw.replace(/\s+#[^"']*$/, '');
  if (/^"(?:[^"\\]|\\.)*"$/.test(value)) return value.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^'[^']*'$/.test(value)) return value.slice(1, -1);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}
