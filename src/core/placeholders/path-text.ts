// Decides whether a path written in a document is a local relative file reference we may fill in, and turns it into
// a file path. Anything we cannot read with certainty is skipped rather than guessed.

import { isWindowsReservedName } from '../naming/fileNames';

const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'webp', 'gif', 'avif', 'svg', 'bmp', 'tif', 'tiff', 'ico']);

/**
 * Why a path is not ours:
 * - remote (`https:`, any scheme), data/blob URIs and protocol-relative `//host` belong to someone else;
 * - root-relative `/img/x.png` depends on what the site serves as its root (`public/`, `static/`, the docs folder,
 *   the build output...), which the workspace does not tell us, so mapping it to the workspace folder would be a guess;
 * - bundler aliases (`@/`, `~`) and interpolations (`{}`, `${}`, `#{}`, `@{}`) are expressions, not paths.
 */
export function localImagePath(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return undefined;
  if (text.startsWith('/') || text.startsWith('\\')) return undefined;
  if (text.startsWith('~') || text.startsWith('@')) return undefined;
  if (/[{}\\]|\$\{|#\{|@\{/.test(text) || text.includes('$')) return undefined;
  const withoutSuffix = text.replace(/[?#].*$/s, '');
  const decoded = percentDecode(withoutSuffix);
  if (decoded === undefined || decoded === '' || decodedPathProblem(decoded) !== undefined) return undefined;
  if (!hasImageExtension(decoded)) return undefined;
  return decoded;
}

/**
 * Why a reference path, once percent-decoded, cannot be used, or undefined when it can. Checked after decoding on
 * purpose: `..%5C..%5C` is `..\..\` (a way out of the folder on Windows), `%3A` makes an NTFS stream name, and
 * `%00`/`%0A` are control characters. Also refused: an absolute path (decoded `/` or a drive letter) and a part
 * Windows cannot create (CON, NUL, a trailing dot or space). `.` and `..` parts are left to the resolver, which
 * checks where the path really lands.
 */
export function decodedPathProblem(decoded: string): string | undefined {
  if (decoded.includes('\\')) return 'contains "\\" (a folder separator on Windows)';
  if (decoded.includes(':')) return 'contains ":" (a drive or an NTFS stream on Windows)';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(decoded)) return 'contains a control character';
  if (decoded.startsWith('/')) return 'is absolute';
  for (const part of decoded.split('/')) {
    if (part === '' || part === '.' || part === '..') continue;
    if (/[<>"|?*]/.test(part)) return `has a part ("${part}") with a character Windows refuses`;
    if (isWindowsReservedName(part)) return `has a part ("${part}") Windows cannot create`;
  }
  return undefined;
}

export function hasImageExtension(path: string): boolean {
  const match = /\.([a-z0-9]+)$/i.exec(path);
  return match !== null && IMAGE_EXTENSIONS.has(match[1]!.toLowerCase());
}

/** A `%` that is not a valid escape makes the path unreadable: skipped, not guessed. */
function percentDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The few HTML character references that show up in attribute values (paths and alt text). */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith('#')) return safeCodePoint(parseInt(lower.slice(1), 10), whole);
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[lower] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
