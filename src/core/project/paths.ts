// URI-path arithmetic (always `/`-separated, also on Windows: `/c:/work/site`). No IO.

/** The folder of a path, with a trailing slash: `/a/b/c.md` -> `/a/b/`. */
export function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** `/a/b` + `../c/./d.png` -> `/a/c/d.png`; undefined when `..` climbs above `/`. A leading `/` in `relative` restarts. */
export function joinPath(base: string, relative: string): string | undefined {
  const start = relative.startsWith('/') ? relative : `${base.endsWith('/') ? base : `${base}/`}${relative}`;
  const segments: string[] = [];
  const parts = start.split('/');
  for (const [index, part] of parts.entries()) {
    if (part === '.' || (part === '' && index > 0 && index < parts.length - 1)) continue;
    if (part === '..') {
      if (segments.length <= 1) return undefined;
      segments.pop();
      continue;
    }
    segments.push(part);
  }
  return segments.join('/');
}

/** Without a trailing slash (except `/` itself). */
export function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Windows drive letters differ in case between sources (`/C:/` vs `/c:/`); nothing else does. */
function comparable(path: string): string {
  return /^\/[a-z]:\//i.test(path) ? path.slice(0, 3).toLowerCase() + path.slice(3) : path;
}

/** Whether `path` is `root` or below it. */
export function isInside(path: string, root: string): boolean {
  const p = comparable(trimSlash(path));
  const r = comparable(trimSlash(root));
  return p === r || p.startsWith(r === '/' ? '/' : `${r}/`);
}

/** `path` relative to `root` (`/`-separated, no leading slash); the path itself when it is not inside. */
export function relativeTo(path: string, root: string): string {
  if (!isInside(path, root)) return path;
  return trimSlash(path).slice(trimSlash(root).length).replace(/^\//, '');
}

/** The parent folder (no trailing slash); undefined at `/`. */
export function parentOf(path: string): string | undefined {
  const trimmed = trimSlash(path);
  if (trimmed === '/' || trimmed === '') return undefined;
  const cut = trimmed.lastIndexOf('/');
  return cut <= 0 ? '/' : trimmed.slice(0, cut);
}
