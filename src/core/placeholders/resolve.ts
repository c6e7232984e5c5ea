// Where a reference points, the way the project's framework resolves it, on URI paths (always `/`-separated, also on
// Windows: `/c:/work/site/index.html`). One place knows the rules: root-relative paths go to the folder the framework
// serves at `/`, aliases to their folder, imports and `new URL()` relative to the module, Sass partials to the CSS they
// compile into. What a rule cannot decide is `ambiguous` (with candidates), never guessed.
import * as l10n from '../l10n';
import { FRAMEWORK_NAMES, type Alias, type Project } from '../project/types';
import { folderOf, isInside, joinPath, relativeTo, trimSlash } from '../project/paths';
import { referenceForm, type ImageReference, type ReferenceForm } from './types';

/** The reference fields resolution reads (`form` comes from the detectors; read from the path when absent). */
export type ResolvableReference = Pick<ImageReference, 'path' | 'kind'> & { readonly form?: ReferenceForm | undefined };

export interface Candidate {
  readonly target: string;
  readonly rule: string;
}

export type Resolution =
  | {
      readonly status: 'target';
      readonly form: ReferenceForm;
      /** URI path of the file the reference names. */
      readonly target: string;
      /** URI path of the folder it was resolved against (the served folder, the alias folder, the document's folder). */
      readonly root: string;
      /** Why this path: "Next.js serves public/ at /". */
      readonly rule: string;
      /** Other places the framework would serve the same reference from: when a file exists at one, nothing is missing. */
      readonly alternatives: readonly Candidate[];
    }
  | { readonly status: 'ambiguous'; readonly form: ReferenceForm; readonly candidates: readonly Candidate[]; readonly reason: string }
  | { readonly status: 'skip'; readonly form: ReferenceForm; readonly reason: string };

/** The form of a reference as written, when the detector did not say. */
export function classifyForm(reference: ResolvableReference): ReferenceForm {
  return referenceForm(reference);
}

const STYLESHEET = /\.(s[ac]ss|less|styl)$/i;

export function resolveImageReference(project: Project, documentPath: string, reference: ResolvableReference, workspaceRoot: string): Resolution {
  const form = classifyForm(reference);
  const result = resolveForm(project, documentPath, reference, form);
  return contain(result, workspaceRoot);
}

function resolveForm(project: Project, documentPath: string, reference: ResolvableReference, form: ReferenceForm): Resolution {
  const path = reference.path;
  if (path === '') return { status: 'skip', form, reason: l10n.t('an empty path') };
  switch (form) {
    case 'root':
      // In an import specifier, `/` is below Vite's root, not the served folder.
      return reference.kind === 'import' ? moduleSpecifier(project, documentPath, path, form) : rootRelative(project, path, form);
    case 'alias':
      return reference.kind === 'import' ? moduleSpecifier(project, documentPath, path, form) : (aliased(project, path, form) ?? unknownAlias(project, path, form));
    case 'import':
    case 'require':
    case 'url-import':
    case 'bare':
      return moduleSpecifier(project, documentPath, path, form);
    case 'relative':
      return relative(project, documentPath, reference, form);
  }
}

function frameworkName(project: Project): string {
  const primary = project.frameworks[0];
  return primary ? FRAMEWORK_NAMES[primary] : l10n.t('no framework');
}

function rootRelative(project: Project, path: string, form: ReferenceForm): Resolution {
  if (project.served.length === 0) {
    const where = relativeTo(project.root, project.root) || project.root.slice(project.root.lastIndexOf('/') + 1);
    return { status: 'skip', form, reason: l10n.t('nothing in {0} says what / serves (no framework config found)', where || l10n.t('the project')) };
  }
  let rest = path;
  let baseNote = '';
  if (project.basePath && path.startsWith(project.basePath)) {
    rest = path.slice(project.basePath.length - 1);
    baseNote = ` (base ${project.basePath} removed)`;
  }
  // A folder served below `/` (a Hugo mount at /images/) only holds the paths that start with its URL folder.
  const places = project.served
    .filter((folder) => folder.at === undefined || rest.startsWith(folder.at))
    .map((folder) => ({ folder, target: joinPath(folder.path, rest.slice(folder.at === undefined ? 1 : folder.at.length)) }));
  const first = places[0];
  if (first === undefined) return { status: 'skip', form, reason: l10n.t('no folder the site serves holds {0}', path) };
  if (first.target === undefined) return { status: 'skip', form, reason: l10n.t('{0} climbs above the served folder', path) };
  const alternatives: Candidate[] = places
    .slice(1)
    .filter((p): p is { folder: (typeof places)[number]['folder']; target: string } => p.target !== undefined)
    .map((p) => ({ target: p.target, rule: p.folder.rule }));
  // Hugo also serves a page bundle's resources at the page's URL.
  if (project.hugo) {
    const inContent = joinPath(project.hugo.contentDir, rest.slice(1));
    if (inContent) alternatives.push({ target: inContent, rule: l10n.t('Hugo serves page-bundle resources from content/ at their page URL') });
  }
  return { status: 'target', form, target: first.target, root: first.folder.path, rule: `${first.folder.rule}${baseNote}`, alternatives };
}

function matchAlias(alias: Alias, path: string): string | undefined {
  if (alias.exact) return path === alias.prefix ? '' : undefined;
  if (!path.startsWith(alias.prefix) || !path.endsWith(alias.suffix) || path.length < alias.prefix.length + alias.suffix.length) return undefined;
  return path.slice(alias.prefix.length, path.length - alias.suffix.length);
}

function aliased(project: Project, path: string, form: ReferenceForm): Resolution | undefined {
  for (const alias of project.aliases) {
    const rest = matchAlias(alias, path);
    if (rest === undefined) continue;
    const targets = alias.targets
      .map((folder) => (folder.endsWith('/') ? joinPath(folder, rest) : alias.exact ? folder : undefined))
      .filter((t): t is string => t !== undefined && t !== '');
    if (targets.length === 0) continue;
    const root = trimSlash(alias.targets[0]!);
    return {
      status: 'target',
      form,
      target: targets[0]!,
      root,
      rule: alias.targets.length > 1 ? l10n.t('{0}; the first of {1} folders', alias.rule, alias.targets.length) : alias.rule,
      alternatives: targets.slice(1).map((target) => ({ target, rule: alias.rule })),
    };
  }
  return undefined;
}

function unknownAlias(project: Project, path: string, form: ReferenceForm): Resolution {
  if (path.startsWith('~') && !path.startsWith('~/')) return { status: 'skip', form, reason: l10n.t('{0} names a package (webpack\'s ~ for node_modules)', path) };
  const prefix = /^[^/]+/.exec(path)?.[0] ?? path;
  const where = project.configFiles.filter((f) => f !== 'package.json');
  return {
    status: 'skip',
    form,
    reason: l10n.t('no alias {0} in {1}{2}', prefix, where.length ? where.join(', ') : l10n.t('the project (no tsconfig/jsconfig or framework config)'), project.notes.length ? `; ${project.notes.join(' ')}` : ''),
  };
}

function moduleSpecifier(project: Project, documentPath: string, path: string, form: ReferenceForm): Resolution {
  const how = form === 'url-import' ? 'new URL(…, import.meta.url)' : form === 'require' ? 'require()' : l10n.t('an import');
  if (path.startsWith('./') || path.startsWith('../')) {
    const folder = trimSlash(folderOf(documentPath));
    const target = joinPath(folder, path);
    if (target === undefined) return { status: 'skip', form, reason: l10n.t('{0} climbs above /', path) };
    return { status: 'target', form, target, root: folder, rule: l10n.t('{0} resolves relative to the module', how), alternatives: [] };
  }
  if (path.startsWith('/')) {
    if (project.viteRoot) {
      const target = joinPath(project.viteRoot, path.slice(1));
      if (target) return { status: 'target', form, target, root: project.viteRoot, rule: l10n.t('{0} (Vite) resolves {1} starting with / below its root {2}/', frameworkName(project), how, relativeTo(project.viteRoot, project.root) || '.'), alternatives: [] };
    }
    return { status: 'skip', form, reason: l10n.t('{0} of an absolute path ({1}) names a file outside the project\'s module graph', how, path) };
  }
  const viaAlias = aliased(project, path, form);
  if (viaAlias) return viaAlias;
  if (project.baseUrl && !/^[@~$#]/.test(path)) {
    const target = joinPath(project.baseUrl, path);
    if (target) return { status: 'target', form, target, root: project.baseUrl, rule: l10n.t('tsconfig baseUrl {0}/', relativeTo(project.baseUrl, project.root) || '.'), alternatives: [] };
  }
  if (/^[@~$#]/.test(path) && !/^@[\w-]+\/[\w-]/.test(path)) return unknownAlias(project, path, form);
  return { status: 'skip', form, reason: l10n.t('{0} comes from a package (node_modules), not from this project', path) };
}

function relative(project: Project, documentPath: string, reference: ResolvableReference, form: ReferenceForm): Resolution {
  const folder = trimSlash(folderOf(documentPath));
  const own = joinPath(folder, reference.path);
  if (own === undefined) return { status: 'skip', form, reason: l10n.t('{0} climbs above /', reference.path) };
  const ownCandidate = { target: own, rule: l10n.t('relative to the document') };

  if (STYLESHEET.test(documentPath) && reference.kind === 'css-url') return stylesheet(project, documentPath, reference.path, own, form);

  // MkDocs: a page's URL is a directory (guide/setup.md -> /guide/setup/); it rewrites Markdown links, not raw HTML.
  const mkdocs = project.mkdocs;
  if (mkdocs && /\.md$/i.test(documentPath) && isInside(documentPath, mkdocs.docsDir) && reference.kind !== 'markdown' && mkdocs.directoryUrls) {
    const name = documentPath.slice(documentPath.lastIndexOf('/') + 1).replace(/\.md$/i, '');
    if (!/^(index|readme)$/i.test(name)) {
      const pageUrlFolder = `${folder}/${name}`;
      const target = joinPath(pageUrlFolder, reference.path);
      if (target) {
        return {
          status: 'target',
          form,
          target,
          root: pageUrlFolder,
          rule: l10n.t('MkDocs serves {0}.md at the directory URL {0}/ (use_directory_urls), and raw HTML paths are not rewritten', name),
          alternatives: [ownCandidate],
        };
      }
    }
  }

  const atRoot = project.served.find((f) => f.at === undefined);
  // Hugo: a page that is not a bundle has no folder of its own; its URL folder is served from static/.
  if (project.hugo && /\.(md|markdown|html)$/i.test(documentPath) && isInside(documentPath, project.hugo.contentDir)) {
    const name = documentPath.slice(documentPath.lastIndexOf('/') + 1);
    if (!/^_?index\./i.test(name)) {
      const stem = name.replace(/\.[^.]+$/, '');
      const urlPath = `${relativeTo(folder, project.hugo.contentDir)}/${stem}/`.replace(/^\//, '');
      const served = atRoot ? joinPath(atRoot.path, `${urlPath}${reference.path}`) : undefined;
      const candidates = [ownCandidate, ...(served ? [{ target: served, rule: l10n.t('the page\'s URL /{0} served from {1}/', urlPath, relativeTo(atRoot!.path, project.root)) }] : [])];
      return { status: 'ambiguous', form, candidates, reason: l10n.t('{0} is not a page bundle (index.md), so a relative path is resolved against its URL, not its folder', name) };
    }
  }

  // A literal relative src in a component is resolved by the browser against the page URL, not the component's file.
  const bundledComponent = /\.(jsx|tsx|js|ts|svelte|astro)$/i.test(documentPath) && atRoot !== undefined;
  if (bundledComponent && (reference.kind === 'jsx' || reference.kind === 'img' || reference.kind === 'srcset')) {
    const fromRoot = joinPath(atRoot!.path, reference.path);
    return {
      status: 'ambiguous',
      form,
      candidates: [ownCandidate, ...(fromRoot ? [{ target: fromRoot, rule: l10n.t('{0}, if the page is at /', atRoot!.rule) }] : [])],
      reason: l10n.t('{0} does not rewrite a relative src in a component; the browser resolves it against the page\'s URL (use /… or an import)', frameworkName(project)),
    };
  }
  return { status: 'target', form, target: own, root: folder, rule: l10n.t('relative to the document'), alternatives: [] };
}

function stylesheet(project: Project, documentPath: string, path: string, own: string, form: ReferenceForm): Resolution {
  const folder = trimSlash(folderOf(documentPath));
  if (project.rebasesStylesheetUrls) {
    return { status: 'target', form, target: own, root: folder, rule: l10n.t('{0} rewrites url() in Sass/Less relative to the file that contains it', frameworkName(project)), alternatives: [] };
  }
  if (project.compiledCss) {
    const target = joinPath(project.compiledCss.folder, path);
    if (target) return { status: 'target', form, target, root: project.compiledCss.folder, rule: l10n.t('{0}; url() is relative to the compiled CSS', project.compiledCss.rule), alternatives: [{ target: own, rule: l10n.t('relative to the stylesheet') }] };
  }
  const name = documentPath.slice(documentPath.lastIndexOf('/') + 1);
  if (name.startsWith('_')) {
    return {
      status: 'ambiguous',
      form,
      candidates: [{ target: own, rule: l10n.t('relative to the partial') }],
      reason: l10n.t('{0} is a partial: its url() is relative to the CSS it is compiled into, and nothing in the project says where that is', name),
    };
  }
  return { status: 'target', form, target: own, root: folder, rule: l10n.t('relative to the stylesheet (no build step in the project says otherwise)'), alternatives: [] };
}

/** Targets outside the workspace folder are not ours to write. */
function contain(resolution: Resolution, workspaceRoot: string): Resolution {
  const inside = (path: string) => isInside(path, workspaceRoot) && trimSlash(path) !== trimSlash(workspaceRoot);
  if (resolution.status === 'target') {
    if (!inside(resolution.target)) return { status: 'skip', form: resolution.form, reason: l10n.t('it points outside the workspace folder') };
    return { ...resolution, alternatives: resolution.alternatives.filter((a) => inside(a.target)) };
  }
  if (resolution.status === 'ambiguous') {
    const candidates = resolution.candidates.filter((c) => inside(c.target));
    if (candidates.length === 0) return { status: 'skip', form: resolution.form, reason: l10n.t('it points outside the workspace folder') };
    return { ...resolution, candidates };
  }
  return resolution;
}

/**
 * The old, framework-free rule (kept for callers without a project): relative to the document, inside the folder.
 * @returns the target's URI path, or undefined when it would be outside the workspace folder
 */
export function resolveReferenceTarget(documentPath: string, referencePath: string, workspaceRoot: string): string | undefined {
  if (referencePath.startsWith('/') || referencePath === '') return undefined;
  const target = joinPath(folderOf(documentPath), referencePath);
  if (target === undefined) return undefined;
  return isInside(target, workspaceRoot) && trimSlash(target) !== trimSlash(workspaceRoot) ? target : undefined;
}

/** Target path relative to the workspace root, `/`-separated (for labels, seeds and the command's `prompts`). */
export function workspaceRelative(targetPath: string, workspaceRoot: string): string {
  return isInside(targetPath, workspaceRoot) ? relativeTo(targetPath, workspaceRoot) : targetPath;
}
