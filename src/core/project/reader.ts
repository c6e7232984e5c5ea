// Everything the project model reads goes through this interface, so the core stays pure: the shell implements it
// over vscode.workspace.fs (with a cache its file watchers invalidate), the tests over a plain object of files.

export interface ProjectReader {
  /** The text of a file, or undefined when there is no such file (or it cannot be read). */
  readText(path: string): Promise<string | undefined>;
  /** Whether a file or folder exists at the path. */
  exists(path: string): Promise<boolean>;
}

/** A reader over a map of URI path -> text (tests, benches); folders exist when a file lies below them. */
export function memoryReader(files: Readonly<Record<string, string>>, extraPaths: readonly string[] = []): ProjectReader {
  const all = new Set([...Object.keys(files), ...extraPaths]);
  const folders = new Set<string>();
  for (const path of all) {
    for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) folders.add(path.slice(0, cut));
  }
  return {
    readText: (path) => Promise.resolve(files[path]),
    exists: (path) => Promise.resolve(all.has(path) || folders.has(path.endsWith('/') ? path.slice(0, -1) : path)),
  };
}
