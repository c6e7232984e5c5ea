// Finds the project a document belongs to and reads what its framework serves and aliases, from its configs read as
// data (never executed). One `ProjectModel` per workspace folder caches projects by root; the shell drops it when a
// config file changes.
import { Computed, ConfigPath, isObject, readJsConfig, readJsonc, type StaticObject, type StaticValue } from './literal';
import { readTomlTopLevel, readYamlTopLevel } from './keyValue';
import { isInside, joinPath, parentOf, relativeTo, trimSlash } from './paths';
import type { ProjectReader } from './reader';
import { FRAMEWORK_NAMES, type Alias, type FrameworkId, type Project, type ServedFolder } from './types';
import { readTsconfigAliases } from './tsconfig';
import { hugoConfigFormat, mountUrlPrefix, readHugoModuleConfig, staticMounts, type HugoModuleConfig } from './hugoModules';

const JS = ['ts', 'mts', 'js', 'mjs', 'cjs', 'cts'];
const configNames = (base: string) => JS.map((ext) => `${base}.${ext}`);
const CONFIGS = {
  next: configNames('next.config'),
  vite: configNames('vite.config'),
  astro: configNames('astro.config'),
  sveltekit: configNames('svelte.config'),
  nuxt: configNames('nuxt.config'),
  docusaurus: configNames('docusaurus.config'),
  gatsby: configNames('gatsby-config'),
  vitepress: configNames('.vitepress/config'),
  mkdocs: ['mkdocs.yml', 'mkdocs.yaml'],
  hugo: ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config/_default/hugo.toml', 'config/_default/config.toml', 'config.toml', 'config.yaml', 'config.yml'],
} as const;

/**
 * A framework config marks a project root like a package.json does: a template or generated app can have its
 * package.json under another name (`package.template.json`) or in a parent folder. The usual extensions only.
 */
const CONFIG_MARKERS: readonly string[] = ['svelte.config', 'docusaurus.config', 'astro.config', 'nuxt.config', 'next.config', 'vite.config', 'gatsby-config']
  .flatMap((base) => ['js', 'ts', 'mjs'].map((ext) => `${base}.${ext}`));

/** Dependencies that name a framework, in the order frameworks decide. */
const DEPENDENCIES: readonly [string, FrameworkId][] = [
  ['nuxt', 'nuxt'],
  ['nuxt3', 'nuxt'],
  ['@sveltejs/kit', 'sveltekit'],
  ['astro', 'astro'],
  ['next', 'next'],
  ['@docusaurus/core', 'docusaurus'],
  ['gatsby', 'gatsby'],
  ['vitepress', 'vitepress'],
  ['react-scripts', 'create-react-app'],
  ['vite', 'vite'],
];
const ORDER: readonly FrameworkId[] = ['nuxt', 'sveltekit', 'astro', 'next', 'docusaurus', 'gatsby', 'vitepress', 'hugo', 'mkdocs', 'create-react-app', 'vite'];
const BUNDLED: ReadonlySet<FrameworkId> = new Set(['nuxt', 'sveltekit', 'astro', 'next', 'docusaurus', 'gatsby', 'vitepress', 'create-react-app', 'vite']);

export class ProjectModel {
  private readonly roots = new Map<string, Promise<string>>();
  private readonly projects = new Map<string, Promise<Project>>();

  constructor(
    private readonly reader: ProjectReader,
    /** URI path of the workspace folder: the search for a project root stops there. */
    readonly workspaceRoot: string,
  ) {}

  /** The project of a document (the workspace folder itself when no marker is found on the way up). */
  async projectOf(documentPath: string): Promise<Project> {
    const root = await this.rootOf(parentOf(documentPath) ?? this.workspaceRoot);
    let project = this.projects.get(root);
    if (!project) {
      project = readProject(this.reader, root);
      this.projects.set(root, project);
    }
    return project;
  }

  private rootOf(folder: string): Promise<string> {
    const key = trimSlash(folder);
    let found = this.roots.get(key);
    if (!found) {
      found = this.findRoot(key);
      this.roots.set(key, found);
    }
    return found;
  }

  private async findRoot(folder: string): Promise<string> {
    if (!isInside(folder, this.workspaceRoot)) return trimSlash(this.workspaceRoot);
    if (await isProjectFolder(this.reader, folder)) return folder;
    const parent = parentOf(folder);
    if (parent === undefined || !isInside(parent, this.workspaceRoot) || trimSlash(folder) === trimSlash(this.workspaceRoot)) return trimSlash(this.workspaceRoot);
    return this.rootOf(parent);
  }
}

async function isProjectFolder(reader: ProjectReader, folder: string): Promise<boolean> {
  const markers = ['package.json', '.vitepress', 'mkdocs.yml', 'mkdocs.yaml', 'hugo.toml', 'hugo.yaml', 'hugo.json', 'config/_default/hugo.toml', ...CONFIG_MARKERS];
  for (const marker of markers) if (await reader.exists(`${folder}/${marker}`)) return true;
  // A Hugo site from before hugo.toml: config.toml next to content/ or layouts/.
  return (await reader.exists(`${folder}/config.toml`)) && ((await reader.exists(`${folder}/content`)) || (await reader.exists(`${folder}/layouts`)));
}

interface Found {
  readonly file: string;
  readonly value: StaticValue | undefined;
}

async function readConfig(reader: ProjectReader, root: string, names: readonly string[]): Promise<Found | undefined> {
  for (const name of names) {
    const text = await reader.readText(`${root}/${name}`);
    if (text === undefined) continue;
    let value: StaticValue | undefined;
    if (/\.(ya?ml)$/.test(name)) value = readYamlTopLevel(text);
    else if (name.endsWith('.toml')) value = readTomlTopLevel(text);
    else if (name.endsWith('.json')) value = readJsonc(text);
    else value = readJsConfig(text);
    return { file: name, value };
  }
  return undefined;
}

/** A config's value at a dotted path, and whether it was computed. */
function lookup(found: Found | undefined, path: string): { value?: StaticValue; computed?: string } {
  let value: StaticValue | undefined = found?.value;
  for (const key of path.split('.')) {
    if (value instanceof Computed) return { computed: value.source };
    if (!isObject(value)) return {};
    if (!(key in value)) return value['...'] instanceof Computed ? { computed: (value['...'] as Computed).source } : {};
    value = value[key];
  }
  if (value instanceof Computed) return { computed: value.source };
  return value === undefined ? {} : { value };
}

class Builder {
  readonly notes: string[] = [];
  readonly configFiles: string[] = [];

  constructor(readonly root: string) {}

  record(found: Found | undefined): Found | undefined {
    if (found) {
      this.configFiles.push(found.file);
      if (found.value instanceof Computed) this.notes.push(`${found.file}: the config is computed in code (${shorten(found.value.source)}); defaults are used.`);
      else if (found.value === undefined) this.notes.push(`${found.file}: no exported config object found; defaults are used.`);
    }
    return found;
  }

  /** A folder setting: a string or path expression relative to `base`, else the default (with a note). */
  folder(found: Found | undefined, key: string, fallback: string, base = this.root): string {
    const { value, computed } = lookup(found, key);
    if (computed !== undefined) this.notes.push(`${found!.file}: ${key} is computed in code (${shorten(computed)}); used the default ${fallback}.`);
    const configFolder = found ? parentOf(`${this.root}/${found.file}`)! : this.root;
    if (typeof value === 'string' && value !== '') return joinPath(value.startsWith('/') ? this.root : base, value.replace(/^\//, '')) ?? joinPath(base, fallback)!;
    if (value instanceof ConfigPath) return joinPath(configFolder, value.path) ?? joinPath(base, fallback)!;
    if (value !== undefined && computed === undefined && typeof value !== 'string') this.notes.push(`${found!.file}: ${key} is not a folder name; used the default ${fallback}.`);
    return trimSlash(joinPath(base, fallback)!);
  }

  string(found: Found | undefined, key: string): string | undefined {
    const { value, computed } = lookup(found, key);
    if (computed !== undefined) this.notes.push(`${found!.file}: ${key} is computed in code (${shorten(computed)}); not used.`);
    return typeof value === 'string' ? value : undefined;
  }

  served(path: string, rule: string, at?: string): ServedFolder {
    return { path: trimSlash(path), rule, ...(at ? { at } : {}) };
  }

  /** Aliases from an object config (`{ '@': path, '$utils/*': 'src/utils/*' }`) or Vite's `[{ find, replacement }]`. */
  aliases(found: Found | undefined, key: string, base: string, viteRoot: string, relativeStrings: 'root' | 'as-written' = 'as-written'): Alias[] {
    const { value, computed } = lookup(found, key);
    if (computed !== undefined) {
      this.notes.push(`${found!.file}: ${key} is computed in code (${shorten(computed)}); those aliases are not used.`);
      return [];
    }
    const entries: [string, StaticValue][] = [];
    if (isObject(value)) entries.push(...Object.entries(value).filter(([k]) => k !== '...'));
    else if (Array.isArray(value)) {
      for (const item of value) {
        const find = isObject(item) ? item.find : undefined;
        if (isObject(item) && typeof find === 'string') entries.push([find, item.replacement ?? null]);
        else this.notes.push(`${found!.file}: an entry of ${key} is not a literal { find, replacement }; skipped.`);
      }
    }
    const configFolder = found ? parentOf(`${this.root}/${found.file}`)! : this.root;
    const result: Alias[] = [];
    for (const [find, replacement] of entries) {
      let folder: string | undefined;
      if (replacement instanceof ConfigPath) folder = joinPath(configFolder, replacement.path);
      // Vite: `/src` is below its root; a relative replacement is used as written, so it names no folder.
      else if (typeof replacement === 'string' && replacement.startsWith('/')) folder = joinPath(viteRoot, replacement.slice(1));
      else if (typeof replacement === 'string' && relativeStrings === 'root') folder = joinPath(base, replacement);
      if (folder === undefined) {
        this.notes.push(`${found!.file}: alias ${find} is computed in code or not a folder; not used.`);
        continue;
      }
      result.push(...aliasEntries(find, trimSlash(folder), `${find} → ${relativeTo(folder, this.root) || '.'}/ (${found!.file} ${key})`));
    }
    return result;
  }
}

/** `@` -> both `@` exactly and `@/…`; `$utils/*` -> a wildcard. */
export function aliasEntries(find: string, folder: string, rule: string): Alias[] {
  if (find.endsWith('/*')) return [{ prefix: find.slice(0, -1), suffix: '', exact: false, targets: [`${folder.replace(/\/\*$/, '')}/`], rule }];
  const key = find.replace(/\/$/, '');
  return [
    { prefix: key, suffix: '', exact: true, targets: [folder], rule },
    { prefix: `${key}/`, suffix: '', exact: false, targets: [`${folder}/`], rule },
  ];
}

async function readPackageJson(reader: ProjectReader, root: string): Promise<StaticObject | undefined> {
  const text = await reader.readText(`${root}/package.json`);
  return text === undefined ? undefined : readJsonc(text);
}

function dependencyVersion(pkg: StaticObject | undefined, name: string): string | undefined {
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const deps = pkg?.[field];
    if (isObject(deps) && typeof deps[name] === 'string') return deps[name] as string;
  }
  return undefined;
}

async function readProject(reader: ProjectReader, root: string): Promise<Project> {
  const b = new Builder(root);
  const pkg = await readPackageJson(reader, root);
  if (pkg) b.configFiles.push('package.json');
  const frameworks = new Set<FrameworkId>();
  for (const [name, id] of DEPENDENCIES) if (dependencyVersion(pkg, name) !== undefined) frameworks.add(id);
  const configs: Partial<Record<keyof typeof CONFIGS, Found>> = {};
  for (const id of Object.keys(CONFIGS) as (keyof typeof CONFIGS)[]) {
    const found = await readConfig(reader, root, CONFIGS[id]);
    if (!found) continue;
    // A bare config.toml/yaml is Hugo's only when it looks like one.
    if (id === 'hugo' && /^config\.(toml|ya?ml)$/.test(found.file) && !(isObject(found.value) && ('baseURL' in found.value || 'baseurl' in found.value || 'theme' in found.value || 'title' in found.value))) continue;
    configs[id] = b.record(found);
    frameworks.add(id);
  }
  if (await reader.exists(`${root}/.vitepress`)) frameworks.add('vitepress');
  const ordered = ORDER.filter((id) => frameworks.has(id));
  // Vite is a detail of the meta-frameworks built on it; keep it only when it is the framework.
  const list = ordered.filter((id) => id !== 'vite' || ordered.every((other) => other === 'vite' || !['nuxt', 'sveltekit', 'astro', 'vitepress'].includes(other)));
  const primary = list[0];

  const served: ServedFolder[] = [];
  const aliases: Alias[] = [];
  let basePath: string | undefined;
  let viteRoot: string | undefined;
  let mkdocs: Project['mkdocs'];
  let hugo: Project['hugo'];
  let title: string | undefined;
  const description = typeof pkg?.description === 'string' ? pkg.description : undefined;
  const name = (id: FrameworkId) => FRAMEWORK_NAMES[id];
  const rel = (path: string) => `${relativeTo(path, root) || '.'}/`;

  switch (primary) {
    case 'next': {
      const c = configs.next;
      served.push(b.served(`${root}/public`, `${name('next')} serves public/ at /`));
      basePath = b.string(c, 'basePath');
      break;
    }
    case 'create-react-app':
      served.push(b.served(`${root}/public`, `${name('create-react-app')} serves public/ at /`));
      break;
    case 'gatsby':
      served.push(b.served(`${root}/static`, `${name('gatsby')} serves static/ at /`));
      basePath = b.string(configs.gatsby, 'pathPrefix');
      break;
    case 'vite': {
      const c = configs.vite;
      viteRoot = b.folder(c, 'root', '.');
      const { value } = lookup(c, 'publicDir');
      if (value !== false) {
        const publicDir = b.folder(c, 'publicDir', 'public', viteRoot);
        served.push(b.served(publicDir, `${name('vite')} serves ${rel(publicDir)} at / (${c && lookup(c, 'publicDir').value !== undefined ? `publicDir in ${c.file}` : 'the default publicDir'})`));
      }
      served.push(b.served(viteRoot, `${name('vite')} also serves its root ${rel(viteRoot)} at /`));
      basePath = b.string(c, 'base');
      aliases.push(...b.aliases(c, 'resolve.alias', root, viteRoot));
      break;
    }
    case 'astro': {
      const c = configs.astro;
      const publicDir = b.folder(c, 'publicDir', 'public');
      served.push(b.served(publicDir, `${name('astro')} serves ${rel(publicDir)} at /${c && lookup(c, 'publicDir').value !== undefined ? ` (publicDir in ${c.file})` : ''}`));
      basePath = b.string(c, 'base');
      viteRoot = root;
      aliases.push(...b.aliases(c, 'vite.resolve.alias', root, root));
      break;
    }
    case 'sveltekit': {
      const c = configs.sveltekit;
      const assets = b.folder(c, 'kit.files.assets', 'static');
      served.push(b.served(assets, `${name('sveltekit')} serves ${rel(assets)} at /${c && lookup(c, 'kit.files.assets').value !== undefined ? ` (kit.files.assets in ${c.file})` : ''}`));
      basePath = b.string(c, 'kit.paths.base');
      viteRoot = root;
      aliases.push(...b.aliases(c, 'kit.alias', root, root, 'root'));
      const lib = b.folder(c, 'kit.files.lib', 'src/lib');
      aliases.push(...aliasEntries('$lib', lib, `$lib → ${rel(lib)} (${name('sveltekit')})`));
      break;
    }
    case 'nuxt': {
      const c = configs.nuxt;
      const version = dependencyVersion(pkg, 'nuxt') ?? dependencyVersion(pkg, 'nuxt3') ?? '';
      const compat = lookup(c, 'future.compatibilityVersion').value;
      const major = compat === 4 || /^[\^~>=v\s]*4/.test(version) ? 4 : /^[\^~>=v\s]*2/.test(version) ? 2 : 3;
      const defaultSrc = major === 4 && (await reader.exists(`${root}/app`)) ? 'app' : '.';
      const srcDir = b.folder(c, 'srcDir', defaultSrc);
      const publicDefault = major === 2 ? 'static' : 'public';
      const publicDir = b.folder(c, 'dir.public', publicDefault, major === 4 ? root : srcDir);
      served.push(b.served(publicDir, `${name('nuxt')} ${major} serves ${rel(publicDir)} at /`));
      basePath = b.string(c, 'app.baseURL') ?? b.string(c, 'router.base');
      viteRoot = srcDir;
      aliases.push(...b.aliases(c, 'alias', root, root, 'root'));
      for (const key of ['~', '@']) aliases.push(...aliasEntries(key, srcDir, `${key} → ${rel(srcDir)} (${name('nuxt')} srcDir)`));
      for (const key of ['~~', '@@']) aliases.push(...aliasEntries(key, root, `${key} → ./ (${name('nuxt')} rootDir)`));
      break;
    }
    case 'docusaurus': {
      const c = configs.docusaurus;
      const { value, computed } = lookup(c, 'staticDirectories');
      if (computed !== undefined) b.notes.push(`${c!.file}: staticDirectories is computed in code; used the default static/.`);
      const folders = Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : ['static'];
      for (const folder of folders) {
        const path = joinPath(root, folder);
        if (path) served.push(b.served(path, `${name('docusaurus')} serves ${rel(path)} at /${Array.isArray(value) ? ` (staticDirectories in ${c!.file})` : ''}`));
      }
      basePath = b.string(c, 'baseUrl');
      title = b.string(c, 'title');
      aliases.push(...aliasEntries('@site', root, `@site → ./ (${name('docusaurus')})`));
      break;
    }
    case 'vitepress': {
      const c = configs.vitepress;
      const srcDir = b.folder(c, 'srcDir', '.');
      const publicDir = joinPath(srcDir, 'public')!;
      served.push(b.served(publicDir, `${name('vitepress')} serves ${rel(publicDir)} at /${c && lookup(c, 'srcDir').value !== undefined ? ` (srcDir in ${c.file})` : ''}`));
      basePath = b.string(c, 'base');
      title = b.string(c, 'title');
      viteRoot = srcDir;
      aliases.push(...b.aliases(c, 'vite.resolve.alias', root, srcDir));
      break;
    }
    case 'hugo': {
      const c = configs.hugo;
      const modules = await hugoModules(reader, root, c);
      b.notes.push(...modules.notes);
      // Mounts to static/ replace the default static folder (and staticDir, which Hugo turns into that mount).
      const ownMounts = staticMounts(modules.config.mounts);
      const { value, computed } = lookup(c, 'staticDir');
      if (ownMounts.length > 0) {
        if (value !== undefined) b.notes.push(`${c!.file}: staticDir is ignored because module.mounts mounts static.`);
        for (const mount of ownMounts) {
          const path = joinPath(root, mount.source);
          if (path) served.push(b.served(path, `${name('hugo')} mounts ${rel(path)} at ${mountUrlPrefix(mount.target) ?? '/'} (module.mounts in ${modules.file})`, mountUrlPrefix(mount.target)));
        }
      } else {
        if (computed !== undefined) b.notes.push(`${c!.file}: staticDir could not be read; used static/.`);
        const statics = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : ['static'];
        for (const folder of statics) {
          const path = joinPath(root, folder);
          if (path) served.push(b.served(path, `${name('hugo')} serves ${rel(path)} at /${value !== undefined ? ` (staticDir in ${c!.file})` : ''}`));
        }
      }
      const theme = lookup(c, 'theme').value;
      const themes = typeof theme === 'string' ? [theme] : Array.isArray(theme) ? theme.filter((t): t is string => typeof t === 'string') : [];
      const themesDir = b.folder(c, 'themesDir', 'themes');
      for (const t of themes) served.push(b.served(`${themesDir}/${t}/static`, `${name('hugo')} also serves the theme's themes/${t}/static/ at / (the site's own static/ wins)`));
      // Hugo modules replaced by a local folder (go.mod `replace`, or module.replacements) are folders of the
      // workspace: their static/ (or what their import mounts there) is served too.
      if (modules.config.imports.length > 0) {
        const replaced = goModReplacements((await reader.readText(`${root}/go.mod`)) ?? '');
        for (const [path, local] of modules.config.replacements) replaced.set(path, local);
        for (const imported of modules.config.imports) {
          const local = replaced.get(imported.path);
          const folder = local === undefined ? undefined : joinPath(root, local);
          if (!folder) {
            b.notes.push(`${modules.file}: the Hugo module ${imported.path} is fetched by Go, so its static/ is not in the workspace and is not checked.`);
            continue;
          }
          const how = modules.config.replacements.has(imported.path) ? `module.replacements points it at ${local}` : `go.mod replaces it with ${local}`;
          const mounts = imported.mounts ? staticMounts(imported.mounts) : [];
          if (mounts.length === 0) served.push(b.served(`${trimSlash(folder)}/static`, `${name('hugo')} also serves the module ${imported.path}'s static/ (${how})`));
          for (const mount of mounts) {
            const path = joinPath(folder, mount.source);
            if (path) served.push(b.served(path, `${name('hugo')} also serves the module ${imported.path}'s ${mount.source}/ at ${mountUrlPrefix(mount.target) ?? '/'} (its mounts in ${modules.file}; ${how})`, mountUrlPrefix(mount.target)));
          }
        }
      }
      const contentDir = b.folder(c, 'contentDir', 'content');
      hugo = { contentDir };
      title = b.string(c, 'title');
      basePath = undefined;
      break;
    }
    case 'mkdocs': {
      const c = configs.mkdocs;
      const docsDir = b.folder(c, 'docs_dir', 'docs');
      served.push(b.served(docsDir, `${name('mkdocs')} serves docs_dir ${rel(docsDir)} at /`));
      const directoryUrls = lookup(c, 'use_directory_urls').value !== false;
      mkdocs = { docsDir, directoryUrls };
      title = b.string(c, 'site_name');
      break;
    }
    default:
      break;
  }
  if (primary !== 'mkdocs' && configs.mkdocs) {
    // A JS project that also has mkdocs.yml (docs next to the app): its pages still follow MkDocs.
    const docsDir = b.folder(configs.mkdocs, 'docs_dir', 'docs');
    mkdocs = { docsDir, directoryUrls: lookup(configs.mkdocs, 'use_directory_urls').value !== false };
  }
  const ts = await readTsconfigAliases(reader, root);
  b.configFiles.push(...ts.files);
  b.notes.push(...ts.notes);
  aliases.push(...ts.aliases);
  const compiledCss = primary && BUNDLED.has(primary) ? undefined : sassOutput(pkg, root);
  return {
    root,
    frameworks: list,
    served,
    ...(basePath && basePath !== '/' ? { basePath: `/${basePath.replace(/^\/+|\/+$/g, '')}/` } : {}),
    aliases,
    ...(ts.baseUrl ? { baseUrl: ts.baseUrl } : {}),
    rebasesStylesheetUrls: primary !== undefined && BUNDLED.has(primary),
    ...(compiledCss ? { compiledCss } : {}),
    ...(mkdocs ? { mkdocs } : {}),
    ...(hugo ? { hugo } : {}),
    ...(viteRoot ? { viteRoot } : {}),
    notes: b.notes,
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    configFiles: b.configFiles,
  };
}

/** The one folder a package.json `sass`/`node-sass` script compiles into (`sass scss:css`, `sass a.scss css/a.css`, `-o css`). */
function sassOutput(pkg: StaticObject | undefined, root: string): Project['compiledCss'] {
  const scripts = pkg?.scripts;
  if (!isObject(scripts)) return undefined;
  const outputs = new Set<string>();
  let source = '';
  for (const [script, command] of Object.entries(scripts)) {
    if (typeof command !== 'string') continue;
    for (const match of command.matchAll(/(?:^|[\s;&|])(?:npx\s+)?(node-sass|sass)\s+([^;&|]+)/g)) {
      const words = match[2]!.trim().split(/\s+/);
      const positional: string[] = [];
      for (let i = 0; i < words.length; i++) {
        const word = words[i]!;
        if (word === '-o' || word === '--output') {
          const out = words[++i];
          if (out) outputs.add(out);
        } else if (/^--?(load-path|style|I|output-style|source-map-urls)$/.test(word)) i++;
        else if (!word.startsWith('-')) positional.push(word);
      }
      for (const word of positional) if (word.includes(':')) outputs.add(word.slice(word.indexOf(':') + 1));
      if (positional.length === 2 && !positional.some((w) => w.includes(':'))) outputs.add(positional[1]!);
      source = script;
    }
  }
  const folders = new Set([...outputs].map((out) => (/\.css$/.test(out) ? out.slice(0, Math.max(0, out.lastIndexOf('/'))) : out).replace(/^\.\/|\/$/g, '')));
  if (folders.size !== 1) return undefined;
  const [folder] = folders;
  const path = joinPath(root, folder || '.');
  return path ? { folder: trimSlash(path), rule: `the package.json script "${source}" compiles Sass into ${folder || '.'}/` } : undefined;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Hugo's module settings: from the site config (`module` in hugo.toml/yaml/json) and from
 * config/_default/module.{toml,yaml,yml,json} (the same keys at the top), merged; what was not read is noted.
 */
async function hugoModules(reader: ProjectReader, root: string, config: Found | undefined): Promise<{ config: HugoModuleConfig; file: string; notes: string[] }> {
  const parts: { config: HugoModuleConfig; file: string }[] = [];
  const format = config ? hugoConfigFormat(config.file) : undefined;
  if (config && format) parts.push({ config: readHugoModuleConfig((await reader.readText(`${root}/${config.file}`)) ?? '', format), file: config.file });
  for (const file of ['config/_default/module.toml', 'config/_default/module.yaml', 'config/_default/module.yml', 'config/_default/module.json']) {
    const text = await reader.readText(`${root}/${file}`);
    if (text !== undefined) parts.push({ config: readHugoModuleConfig(text, hugoConfigFormat(file)!, true), file });
  }
  const notes = parts.flatMap((p) => p.config.unread.map((u) => `${p.file}: ${u}.`));
  const replacements = new Map<string, string>();
  for (const p of parts) for (const [k, v] of p.config.replacements) replacements.set(k, v);
  return {
    config: { imports: parts.flatMap((p) => p.config.imports), mounts: parts.flatMap((p) => p.config.mounts), replacements, unread: [] },
    file: parts.find((p) => p.config.imports.length > 0 || p.config.mounts.length > 0)?.file ?? config?.file ?? 'the Hugo config',
    notes,
  };
}

/** `replace a => ../b` lines of a go.mod (one-line and block form), local folders only. */
export function goModReplacements(text: string): Map<string, string> {
  const result = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  let inBlock = false;
  for (const raw of lines) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (/^replace\s*\($/.test(line)) {
      inBlock = true;
      continue;
    }
    if (inBlock && line === ')') {
      inBlock = false;
      continue;
    }
    const match = (inBlock ? /^(\S+)(?:\s+\S+)?\s*=>\s*(\S+)$/ : /^replace\s+(\S+)(?:\s+\S+)?\s*=>\s*(\S+)$/).exec(line);
    if (match && /^\.{1,2}(\/|$)/.test(match[2]!)) result.set(match[1]!, match[2]!);
  }
  return result;
}
