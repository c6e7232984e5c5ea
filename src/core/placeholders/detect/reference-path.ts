// Says how a local-looking path is written (relative, root, alias, module specifier) and turns it into a file path.
// Where it points is resolve.ts's job; this only reads the syntax. The decoding checks stay in path-text.ts: the part
// after a `/` or an alias goes through localImagePath like any relative path.
import { localImagePath } from '../path-text';
import type { ReferenceForm } from '../types';

/** Longer "paths" are data, minified code or an attack; no image path is this long. */
export const MAX_PATH_LENGTH = 2048;

/** Where the path was written: markup, CSS and Markdown read `a.png` as relative; a module specifier does not. */
export type PathContext = 'markup' | 'import' | 'url-import' | 'require';

export interface ClassifiedPath {
  readonly path: string;
  readonly form: ReferenceForm;
}

// `@/`, `~@/`, `@site/`, `@scope/`; `~/`; `$lib/`; `#assets/` (package subpath imports, module specifiers only);
// `~name` (webpack's "resolve as a module", the alias is the `~` alone).
const ALIAS = /^(?:~?@[\w.-]*\/|~\/|\$[\w-]+\/|#[\w-]+\/|~(?=[\w@]))/;

/**
 * Classifications already made, by context and raw text: pages repeat their paths (every <source> of a gallery, the
 * same icon), and the decoding checks are the most expensive step per reference. Pure, so a plain memo; bounded,
 * so a page of distinct paths cannot grow it without limit (it is simply started again).
 */
const MEMO_LIMIT = 4096;
/** By context, then by raw text (no key string built per lookup). */
const memo = new Map<PathContext, Map<string, ClassifiedPath | null>>();
let memoSize = 0;

export function classifyPath(raw: string, context: PathContext): ClassifiedPath | undefined {
  // Long texts are rare and cost more to key than to check.
  if (raw.length > 512) return classifyUncached(raw, context);
  let byRaw = memo.get(context);
  const known = byRaw?.get(raw);
  if (known !== undefined) return known ?? undefined;
  const classified = classifyUncached(raw, context);
  if (memoSize >= MEMO_LIMIT) {
    memo.clear();
    memoSize = 0;
    byRaw = undefined;
  }
  if (!byRaw) {
    byRaw = new Map();
    memo.set(context, byRaw);
  }
  byRaw.set(raw, classified ?? null);
  memoSize++;
  return classified;
}

function classifyUncached(raw: string, context: PathContext): ClassifiedPath | undefined {
  const text = raw.trim();
  if (text === '' || text.length > MAX_PATH_LENGTH) return undefined;
  if (text.startsWith('//') || text.startsWith('\\')) return undefined;
  if (text.startsWith('/')) {
    const rest = localImagePath(text.slice(1));
    return rest === undefined ? undefined : { path: `/${rest}`, form: 'root' };
  }
  const alias = ALIAS.exec(text)?.[0];
  if (alias !== undefined && (context !== 'markup' || !alias.startsWith('#'))) {
    const rest = localImagePath(text.slice(alias.length));
    return rest === undefined ? undefined : { path: alias + rest, form: 'alias' };
  }
  const path = localImagePath(text);
  if (path === undefined) return undefined;
  if (context === 'markup') return { path, form: 'relative' };
  const relative = path.startsWith('./') || path.startsWith('../');
  return { path, form: relative ? context : 'bare' };
}
