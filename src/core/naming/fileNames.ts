// File names for results: a readable slug of the prompt plus the seed, so a listing tells files apart and the seed
// needed to make one again is visible. Names must work on every OS a workspace may be shared with (Windows included).
import * as l10n from '../l10n';
import { extensionForMime, sniffType } from '../http/sniff';

/** Types the P-API returns that the media sniffer does not name (trainer weights, webm, a legacy jpeg alias). */
const EXTRA_EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpg': '.jpg',
  'video/webm': '.webm',
  'application/zip': '.zip',
};

/** Longest file name (without folder) accepted from a caller; most file systems stop at 255 bytes. */
export const MAX_FILE_NAME_LENGTH = 200;

/** Extension (with dot) for a Content-Type; undefined when the type tells nothing (octet-stream, missing). */
export function extensionForContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const base = contentType.split(';')[0]!.trim().toLowerCase();
  return extensionForMime(base) ?? EXTRA_EXTENSIONS[base];
}

/** Guess an extension from the first bytes when the Content-Type is missing or generic. */
export function extensionFromMagic(bytes: Uint8Array): string | undefined {
  const sniffed = sniffType(bytes);
  if (sniffed) return sniffed.ext;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return '.zip';
  return undefined;
}

/** Names Windows reserves whatever the extension ("con.png" cannot be created there). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Whether Windows refuses this name (reserved device name before the first dot, or a trailing dot or space). */
export function isWindowsReservedName(fileName: string): boolean {
  const stem = fileName.split('.')[0]!.trim();
  return WINDOWS_RESERVED.test(stem) || /[. ]$/.test(fileName);
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
  if (!slug) return 'pruna';
  // A prompt of just "con" or "aux" would make a file Windows cannot open.
  return WINDOWS_RESERVED.test(slug) ? `${slug}-image` : slug;
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
 * A file name given by a caller: a single path segment with no folder parts, no control or reserved characters,
 * nothing Windows refuses, not too long. Returns an error message, or undefined when acceptable.
 */
export function checkFileName(name: string): string | undefined {
  if (name.trim() === '') return l10n.t('The file name is empty: give a name such as "hero.png", or leave it out.');
  if (/[\\/]/.test(name)) return l10n.t('The file name "{0}" contains a folder separator: put the folder in outputFolder and only the name in fileName.', name);
  if (name === '.' || name === '..') return l10n.t('"{0}" is not a file name.', name);
  if (/[\x00-\x1f<>:"|?*]/.test(name)) return l10n.t('The file name "{0}" contains characters that are not allowed in file names.', name);
  if (isWindowsReservedName(name)) {
    return l10n.t('The file name "{0}" cannot be used on Windows (a reserved name such as CON or NUL, or a name ending in a dot or space). Choose another name.', name);
  }
  if (name.length > MAX_FILE_NAME_LENGTH) {
    return l10n.t('The file name is {0} characters long; use at most {1}.', name.length, MAX_FILE_NAME_LENGTH);
  }
  return undefined;
}
