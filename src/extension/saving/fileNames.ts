// File names for results: a readable slug of the prompt plus the seed, so a listing tells files apart and the seed
// needed to make one again is visible. Pure functions (no vscode) so the rules are easy to reason about.

const EXTENSION_BY_CONTENT_TYPE: Readonly<Record<string, string>> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/jpg': '.jpg',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'video/mp4': '.mp4',
  'video/webm': '.webm',
  'application/zip': '.zip',
};

/** Extension (with dot) for a Content-Type; undefined when the type tells nothing (octet-stream, missing). */
export function extensionForContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const base = contentType.split(';')[0]!.trim().toLowerCase();
  return EXTENSION_BY_CONTENT_TYPE[base];
}

/** Guess an extension from the first bytes when the Content-Type is missing or generic. */
export function extensionFromMagic(bytes: Uint8Array): string | undefined {
  const at = (i: number) => bytes[i] ?? -1;
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return '.png';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return '.jpg';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return '.webp';
  if (ascii(bytes, 0, 4) === 'GIF8') return '.gif';
  if (ascii(bytes, 4, 8) === 'ftyp') return '.mp4';
  if (at(0) === 0x50 && at(1) === 0x4b && at(2) === 0x03 && at(3) === 0x04) return '.zip';
  return undefined;
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** Lowercase ASCII words of the prompt joined by dashes, at most `maxLength` characters, never empty. */
export function slugify(prompt: string, maxLength = 48): string {
  const words = prompt
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) break;
    slug = next;
  }
  if (!slug && words[0]) slug = words[0].slice(0, maxLength);
  return slug || 'pruna';
}

/** `<slug>-<seed>` (or just the slug without a seed); the extension is added once the content type is known. */
export function baseNameFor(prompt: string, seed: number | undefined): string {
  const slug = slugify(prompt);
  return seed === undefined ? slug : `${slug}-${seed}`;
}

/** Splits `name.ext` into base and extension (with dot); a leading dot is part of the base. */
export function splitExtension(fileName: string): { base: string; ext: string } {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return { base: fileName, ext: '' };
  return { base: fileName.slice(0, dot), ext: fileName.slice(dot) };
}

/** Candidate names in the order they are tried: name.ext, name-2.ext, name-3.ext, ... */
export function* candidateNames(base: string, ext: string): Generator<string> {
  yield `${base}${ext}`;
  for (let n = 2; ; n++) yield `${base}-${n}${ext}`;
}

/** Same extension family (jpg/jpeg are one type). */
export function sameExtension(a: string, b: string): boolean {
  const norm = (e: string) => e.toLowerCase().replace('.jpeg', '.jpg');
  return norm(a) === norm(b);
}

/**
 * A file name given by a caller: a single path segment with no folder parts, no control or reserved characters.
 * Returns an error message, or undefined when acceptable.
 */
export function checkFileName(name: string): string | undefined {
  if (name.trim() === '') return 'The file name is empty: give a name such as "hero.png", or leave it out.';
  if (/[\\/]/.test(name)) return `The file name "${name}" contains a folder separator: put the folder in outputFolder and only the name in fileName.`;
  if (name === '.' || name === '..') return `"${name}" is not a file name.`;
  if (/[\x00-\x1f<>:"|?*]/.test(name)) return `The file name "${name}" contains characters that are not allowed in file names.`;
  return undefined;
}
