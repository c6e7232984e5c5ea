// Path aliases from tsconfig.json / jsconfig.json `compilerOptions.paths` (and `baseUrl`), following `extends` (a
// relative file, a package in node_modules, or an array of them). A config that extends one we cannot read (a
// generated `.nuxt/tsconfig.json` before the first build) is said in a note; the framework's own aliases still apply.
import { isObject, readJsonc, type StaticObject } from './literal';
import { joinPath, parentOf, relativeTo, trimSlash } from './paths';
import type { ProjectReader } from './reader';
import type { Alias } from './types';

export interface TsconfigAliases {
  readonly aliases: Alias[];
  readonly baseUrl?: string;
  readonly files: string[];
  readonly notes: string[];
}

interface Options {
  paths?: { value: StaticObject; folder: string };
  baseUrl?: string;
}

export async function readTsconfigAliases(reader: ProjectReader, root: string): Promise<TsconfigAliases> {
  const files: string[] = [];
  const notes: string[] = [];
  let options: Options = {};
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const path = `${root}/${name}`;
    if ((await reader.readText(path)) === undefined) continue;
    options = await readChain(reader, root, path, files, notes, 0);
    break;
  }
  const aliases: Alias[] = [];
  if (options.paths) {
    const base = options.baseUrl ?? options.paths.folder;
    const entries = Object.entries(options.paths.value).filter(([pattern]) => pattern !== '...');
    // TypeScript picks the pattern with the longest prefix before the `*`.
    entries.sort((a, b) => prefixLength(b[0]) - prefixLength(a[0]));
    for (const [pattern, value] of entries) {
      const targets = (Array.isArray(value) ? value : [value]).filter((t): t is string => typeof t === 'string');
      if (targets.length === 0) continue;
      const star = pattern.indexOf('*');
      const folders = targets.map((t) => {
        const wildcard = t.indexOf('*');
        const head = wildcard < 0 ? t : t.slice(0, wildcard);
        const joined = joinPath(base, head) ?? base;
        return wildcard < 0 ? joined : head.endsWith('/') || head === '' ? `${trimSlash(joined)}/` : joined;
      });
      const shown = targets.join(', ');
      const source = relativeTo(options.paths.folder, root) ? `${relativeTo(options.paths.folder, root)}/` : '';
      aliases.push({
        prefix: star < 0 ? pattern : pattern.slice(0, star),
        suffix: star < 0 ? '' : pattern.slice(star + 1),
        exact: star < 0,
        targets: folders,
        rule: `${pattern} → ${shown} (${source}${files.find((f) => f.endsWith('config.json')) ?? 'tsconfig.json'} paths)`,
      });
    }
  }
  return { aliases, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), files, notes };
}

function prefixLength(pattern: string): number {
  const star = pattern.indexOf('*');
  return star < 0 ? pattern.length + 1 : star;
}

async function readChain(reader: ProjectReader, root: string, path: string, files: string[], notes: string[], depth: number): Promise<Options> {
  if (depth > 8) return {};
  const text = await reader.readText(path);
  const shown = relativeTo(path, root);
  if (text === undefined) {
    notes.push(`${shown} (extended) could not be read; its aliases are not known.`);
    return {};
  }
  files.push(shown);
  const config = readJsonc(text);
  if (!config) {
    notes.push(`${shown} is not a JSON object; its aliases are not used.`);
    return {};
  }
  const folder = parentOf(path)!;
  let inherited: Options = {};
  const parents = typeof config.extends === 'string' ? [config.extends] : Array.isArray(config.extends) ? config.extends.filter((e): e is string => typeof e === 'string') : [];
  for (const parent of parents) {
    const parentPath = await locateExtended(reader, folder, root, parent);
    if (!parentPath) {
      notes.push(`${shown} extends ${parent}, which is not in the workspace; its aliases are not known.`);
      continue;
    }
    inherited = { ...inherited, ...definedOnly(await readChain(reader, root, parentPath, files, notes, depth + 1)) };
  }
  const compilerOptions = isObject(config.compilerOptions) ? config.compilerOptions : undefined;
  const own: Options = {};
  if (compilerOptions && typeof compilerOptions.baseUrl === 'string') own.baseUrl = trimSlash(joinPath(folder, compilerOptions.baseUrl) ?? folder);
  if (compilerOptions && isObject(compilerOptions.paths)) own.paths = { value: compilerOptions.paths, folder };
  return { ...inherited, ...own };
}

function definedOnly(options: Options): Options {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Options;
}

async function locateExtended(reader: ProjectReader, folder: string, root: string, spec: string): Promise<string | undefined> {
  const withJson = (p: string) => (p.endsWith('.json') ? [p] : [`${p}.json`, `${p}/tsconfig.json`, p]);
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const path = joinPath(folder, spec);
    if (!path) return undefined;
    for (const candidate of withJson(path)) if ((await reader.readText(candidate)) !== undefined) return candidate;
    // A generated file (.nuxt/, .svelte-kit/) before the first build: said by the caller.
    return path.endsWith('.json') ? path : `${path}.json`;
  }
  // A package: node_modules of the project (workspaces hoist to a parent, which we also look at).
  let dir: string | undefined = root;
  for (let level = 0; dir !== undefined && level < 3; level++, dir = parentOf(dir)) {
    for (const candidate of withJson(`${trimSlash(dir)}/node_modules/${spec}`)) if ((await reader.readText(candidate)) !== undefined) return candidate;
  }
  return undefined;
}
