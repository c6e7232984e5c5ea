// When the API returns another image type than the reference's extension says, the file is saved under the right
// extension and the reference can be updated: same text, only the extension swapped (query, hash, folders kept).

/** `img/hero.jpg?v=2` + `.png` -> `img/hero.png?v=2`; undefined when the written path has no extension to swap. */
export function withExtension(rawPath: string, newExtension: string): string | undefined {
  const cut = rawPath.search(/[?#]/);
  const pathPart = cut < 0 ? rawPath : rawPath.slice(0, cut);
  const suffix = cut < 0 ? '' : rawPath.slice(cut);
  const match = /\.[A-Za-z0-9]+$/.exec(pathPart);
  if (!match) return undefined;
  const ext = newExtension.startsWith('.') ? newExtension : `.${newExtension}`;
  return `${pathPart.slice(0, match.index)}${ext}${suffix}`;
}

/** The extension of a path, lower case with the dot (`.jpg`), or '' when there is none. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

const SAME_TYPE: Readonly<Record<string, string>> = { '.jpeg': '.jpg', '.tif': '.tiff' };

/** `.jpg` and `.jpeg` name the same type. */
export function sameImageType(a: string, b: string): boolean {
  const norm = (e: string) => SAME_TYPE[e.toLowerCase()] ?? e.toLowerCase();
  return norm(a) === norm(b);
}

/** Other extensions a generated file may have been saved under (for "Update reference to …"). */
export const GENERATED_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg', '.webp'];
