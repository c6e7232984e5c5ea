// The output folder is a workspace-relative path. It must stay inside the workspace folder: an absolute path or a
// `..` that climbs out is refused (a shared settings file should not make the extension write anywhere on disk).
import { isWindowsReservedName } from './fileNames';

export type FolderCheck = { ok: true; segments: string[] } | { ok: false; message: string };

export function checkOutputFolder(raw: string): FolderCheck {
  const value = raw.trim();
  if (value === '') return { ok: true, segments: [] };
  if (/^([a-zA-Z]:|[\\/]|~)/.test(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return {
      ok: false,
      message: `The output folder "${value}" is not relative to the workspace. Use a path inside the workspace such as "assets/generated" (setting pruna.outputFolder).`,
    };
  }
  const segments: string[] = [];
  for (const part of value.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (segments.length === 0) {
        return {
          ok: false,
          message: `The output folder "${value}" points outside the workspace. Use a path inside the workspace such as "assets/generated" (setting pruna.outputFolder).`,
        };
      }
      segments.pop();
      continue;
    }
    if (/[\x00-\x1f<>:"|?*]/.test(part)) {
      return { ok: false, message: `The output folder "${value}" contains characters that are not allowed in folder names.` };
    }
    if (isWindowsReservedName(part)) {
      return { ok: false, message: `The output folder "${value}" has a part ("${part}") that Windows cannot create (a reserved name such as CON, or a trailing dot or space).` };
    }
    segments.push(part);
  }
  return { ok: true, segments };
}
