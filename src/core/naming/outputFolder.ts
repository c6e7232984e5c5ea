// The output folder is a workspace-relative path. It must stay inside the workspace folder: an absolute path or a
// `..` that climbs out is refused (a shared settings file should not make the extension write anywhere on disk).
import * as l10n from '../l10n';
import { isWindowsReservedName } from './fileNames';

export type FolderCheck = { ok: true; segments: string[] } | { ok: false; message: string };

export function checkOutputFolder(raw: string): FolderCheck {
  const value = raw.trim();
  if (value === '') return { ok: true, segments: [] };
  if (/^([a-zA-Z]:|[\\/]|~)/.test(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return {
      ok: false,
      message: l10n.t('The output folder "{0}" is not relative to the workspace. Use a path inside the workspace such as "assets/generated" (setting pruna.outputFolder).', value),
    };
  }
  const segments: string[] = [];
  for (const part of value.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (segments.length === 0) {
        return {
          ok: false,
          message: l10n.t('The output folder "{0}" points outside the workspace. Use a path inside the workspace such as "assets/generated" (setting pruna.outputFolder).', value),
        };
      }
      segments.pop();
      continue;
    }
    if (/[\x00-\x1f<>:"|?*]/.test(part)) {
      return { ok: false, message: l10n.t('The output folder "{0}" contains characters that are not allowed in folder names.', value) };
    }
    if (isWindowsReservedName(part)) {
      return { ok: false, message: l10n.t('The output folder "{0}" has a part ("{1}") that Windows cannot create (a reserved name such as CON, or a trailing dot or space).', value, part) };
    }
    segments.push(part);
  }
  return { ok: true, segments };
}
