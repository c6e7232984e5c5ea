// Where a reference points, on URI paths (always `/`-separated, also on Windows: `/c:/work/site/index.html`).

/**
 * @param documentPath URI path of the document containing the reference
 * @param referencePath decoded relative path from the reference (`img/a.png`, `../a.png`)
 * @param workspaceRoot URI path of the workspace folder containing the document
 * @returns the target's URI path, or undefined when it would be outside the workspace folder
 */
export function resolveReferenceTarget(documentPath: string, referencePath: string, workspaceRoot: string): string | undefined {
  if (referencePath.startsWith('/') || referencePath === '') return undefined;
  const directory = documentPath.slice(0, documentPath.lastIndexOf('/') + 1);
  const target = normalizePath(directory + referencePath);
  if (target === undefined) return undefined;
  const root = normalizePath(workspaceRoot.endsWith('/') ? workspaceRoot : `${workspaceRoot}/`);
  if (root === undefined) return undefined;
  const rootWithSlash = root.endsWith('/') ? root : `${root}/`;
  return sameStart(target, rootWithSlash) && target.length > rootWithSlash.length ? target : undefined;
}

/** Removes `.` and `..` segments; undefined when `..` climbs above the root. */
function normalizePath(path: string): string | undefined {
  const segments: string[] = [];
  const parts = path.split('/');
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

/** Windows drive letters differ in case between sources (`/C:/` vs `/c:/`); nothing else does. */
function sameStart(path: string, prefix: string): boolean {
  const drive = /^\/[a-z]:\//i;
  if (drive.test(path) && drive.test(prefix)) {
    return path.slice(0, 3).toLowerCase() === prefix.slice(0, 3).toLowerCase() && path.startsWith(prefix.slice(3), 3);
  }
  return path.startsWith(prefix);
}

/** Target path relative to the workspace root, `/`-separated (for labels, seeds and the command's `prompts`). */
export function workspaceRelative(targetPath: string, workspaceRoot: string): string {
  const root = workspaceRoot.endsWith('/') ? workspaceRoot : `${workspaceRoot}/`;
  return sameStart(targetPath, root) ? targetPath.slice(root.length) : targetPath;
}
