// Real-path containment: the one rule every write (and every read of a user's file) goes through. A path that looks
// inside the workspace is not enough — `assets -> ../outside` makes `assets/x.png` land outside — so the decision is
// made on the real path of the deepest part of the target that exists, plus the parts still to be created, each of
// which must be a plain name every OS accepts. This module is pure (no fs): the shell (`src/extension/fileSystem.ts`)
// does the lstat/realpath calls and hands the results here.
import * as l10n from '../l10n';
import { isWindowsReservedName } from './fileNames';

/** Why a target was refused; `message` in the verdict says it for a user. */
export type ContainmentRefusal =
  /** The real path (after following links) is outside the workspace folder. */
  | 'outside'
  /** The target itself is a symbolic link and the caller refuses links (`.pruna/*` files). */
  | 'linked-target'
  /** A link on the way has no target: writing through it would create something wherever it points. */
  | 'dangling-link'
  /** A part of the path is not a plain name (`..`, `\`, `:`, control characters, a name Windows refuses). */
  | 'bad-name'
  /** The file system could not tell (a permission error on lstat/realpath): refused rather than guessed. */
  | 'unknown';

export type Containment =
  | { readonly ok: true; /** The real path the write will reach (existing real part + missing parts). */ readonly real: string }
  | { readonly ok: false; readonly reason: ContainmentRefusal; readonly message: string };

export interface ContainmentProbe {
  /** Real path of the workspace folder (symlinks of the folder itself resolved). */
  readonly folderReal: string;
  /** Real path of the deepest existing ancestor of the target, or of the target itself when it exists. */
  readonly existingReal: string;
  /** Names from that ancestor down to the target that do not exist yet (empty when the target exists). */
  readonly missing: readonly string[];
  /** The target exists and is a symbolic link (existingReal is where it points). */
  readonly targetIsLink?: boolean;
}

export interface ContainmentOptions {
  /** Refuse a target that is itself a symbolic link, even one pointing inside (files the extension owns). */
  readonly refuseLinkedTarget?: boolean;
  /** Decides separators and case folding; defaults to the running platform. */
  readonly platform?: string;
  /** How the target is named in messages (a workspace-relative path). */
  readonly label?: string;
}

/** Control characters (C0, DEL, C1): never part of a name we create or accept from a document. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Characters Windows refuses in names, plus `\` (a separator there) and `:` (an NTFS stream there). */
const FORBIDDEN = /[\\:<>"|?*]/;

/**
 * Why one path segment (a folder or file name, already percent-decoded) cannot be created or trusted, or undefined
 * when it is a plain name: not empty, not `.`/`..`, no `/`, `\`, `:`, control characters or other characters Windows
 * refuses, and not a name Windows refuses (CON, NUL, COM1, a trailing dot or space).
 */
export function checkPathSegment(segment: string): string | undefined {
  if (segment === '') return l10n.t('an empty name');
  if (segment === '.' || segment === '..') return l10n.t('"{0}" (a relative step, not a name)', segment);
  if (segment.includes('/')) return `"${segment}" (contains "/")`;
  if (CONTROL.test(segment)) return l10n.t('"{0}" (contains a control character)', printable(segment));
  if (FORBIDDEN.test(segment)) return l10n.t('"{0}" (contains one of \\ : < > " | ? *)', segment);
  if (isWindowsReservedName(segment)) return l10n.t('"{0}" (a name Windows refuses)', segment);
  return undefined;
}

export type RelativePathCheck = { readonly ok: true; readonly segments: string[] } | { readonly ok: false; readonly message: string };

/**
 * A workspace-relative path written with `/` (a recipe key, a recipe source): every segment must be a plain name, so
 * nothing climbs (`..`), nothing is absolute (`/x`, `C:`), and nothing means something else on Windows (`\`, `:`).
 * No percent-decoding here: these paths are stored, not written in a document.
 */
export function checkRelativePath(relative: string): RelativePathCheck {
  if (relative === '') return { ok: false, message: l10n.t('The path is empty.') };
  if (relative.startsWith('/')) return { ok: false, message: l10n.t('"{0}" is absolute, not relative to the workspace folder.', printable(relative)) };
  const segments = relative.split('/');
  for (const segment of segments) {
    const problem = checkPathSegment(segment);
    if (problem) return { ok: false, message: l10n.t('"{0}" has a part that is not a plain name: {1}.', printable(relative), problem) };
  }
  return { ok: true, segments };
}

/** Whether `child` is `parent` or below it (both real, absolute paths of the same platform). */
export function isInsidePath(parent: string, child: string, platform: string = currentPlatform()): boolean {
  const fold = (p: string) => {
    const unified = platform === 'win32' ? p.replace(/\\/g, '/') : p;
    const trimmed = unified.length > 1 ? unified.replace(/\/+$/, '') : unified;
    return platform === 'win32' || platform === 'darwin' ? trimmed.toLowerCase() : trimmed;
  };
  const p = fold(parent);
  const c = fold(child);
  if (c === p) return true;
  return c.startsWith(p.endsWith('/') ? p : `${p}/`);
}

/** The verdict for one target, from what the shell found on disk. */
export function decideContainment(probe: ContainmentProbe, options: ContainmentOptions = {}): Containment {
  const platform = options.platform ?? currentPlatform();
  const label = options.label ?? l10n.t('the target');
  for (const name of probe.missing) {
    const problem = checkPathSegment(name);
    if (problem) return refuse('bad-name', l10n.t('{0} cannot be created: it has a part that is not a plain name, {1}.', label, problem));
  }
  if (options.refuseLinkedTarget && probe.targetIsLink) {
    return refuse('linked-target', l10n.t('{0} is a symbolic link; the extension does not write or read its own files through links. Remove the link.', label));
  }
  if (!isInsidePath(probe.folderReal, probe.existingReal, platform)) {
    return refuse('outside', l10n.t('{0} is really outside the workspace folder (a symbolic link on the way leads to {1}). Nothing was written there.', label, probe.existingReal));
  }
  const sep = platform === 'win32' ? '\\' : '/';
  const base = probe.existingReal.endsWith(sep) ? probe.existingReal.slice(0, -1) : probe.existingReal;
  return { ok: true, real: probe.missing.length ? [base, ...probe.missing].join(sep) : probe.existingReal };
}

function refuse(reason: ContainmentRefusal, message: string): Containment {
  return { ok: false, reason, message };
}

function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function currentPlatform(): string {
  return typeof process !== 'undefined' ? process.platform : 'linux';
}
