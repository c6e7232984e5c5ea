// The disk side of real-path containment for file: URIs, free of 'vscode' so unit tests run it in plain Node against
// real symbolic links: finds the deepest existing part of a target (lstat) and where it really is (realpath).
import { lstat, realpath } from 'node:fs/promises';
import * as nodePath from 'node:path';
import * as l10n from '../../core/l10n';
import { decideContainment, type Containment, type ContainmentOptions, type ContainmentProbe } from '../../core/naming/containment';

/** The verdict for `relative` below the folder at `folderPath`, on this machine's disk. */
export async function containLocal(folderPath: string, relative: readonly string[], options: ContainmentOptions = {}): Promise<Containment> {
  const probe = await probeLocal(folderPath, relative);
  return 'reason' in probe ? probe : decideContainment(probe, options);
}

/**
 * What `decideContainment` needs for `relative` (plain names, no "." or "..") below the folder at `folderPath`, or a
 * refusal when the disk cannot tell: a link leading nowhere (dangling or a loop), a permission error, a missing folder.
 */
export async function probeLocal(folderPath: string, relative: readonly string[]): Promise<ContainmentProbe | Containment & { ok: false }> {
  let folderReal: string;
  try {
    folderReal = await realpath(folderPath);
  } catch (e) {
    return { ok: false, reason: 'unknown', message: l10n.t('the workspace folder {0} cannot be resolved ({1}).', folderPath, describe(e)) };
  }
  // Deepest existing part first: a new file in an existing folder costs one failed lstat.
  let depth = relative.length;
  let targetIsLink = false;
  for (;;) {
    const here = nodePath.join(folderPath, ...relative.slice(0, depth));
    try {
      const stat = await lstat(here);
      if (depth === relative.length) targetIsLink = stat.isSymbolicLink();
      break;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return { ok: false, reason: 'unknown', message: l10n.t('{0} cannot be checked ({1}).', here, describe(e)) };
      if (depth === 0) return { ok: false, reason: 'unknown', message: l10n.t('the workspace folder {0} does not exist.', folderPath) };
      depth--;
    }
  }
  const existing = nodePath.join(folderPath, ...relative.slice(0, depth));
  let existingReal: string;
  try {
    existingReal = await realpath(existing);
  } catch (e) {
    // lstat saw it, realpath cannot follow it: a link to nowhere (or a loop). Writing would create its target.
    return {
      ok: false,
      reason: 'dangling-link',
      message: l10n.t('{0} is a symbolic link that leads nowhere ({1}); writing through it would create a file wherever it points. Remove the link.', existing, describe(e)),
    };
  }
  return { folderReal, existingReal, missing: relative.slice(depth), targetIsLink };
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
