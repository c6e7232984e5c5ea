// The sources whose l10n.t(...) calls make l10n/bundle.l10n.json, as @vscode/l10n-dev's getL10nJson wants them.
// l10n-dev only reads `t` calls on a name imported from 'vscode' or '@vscode/l10n'. The extension imports vscode;
// the core (src/core/l10n.ts) and the Studio webview (src/webview/l10n.ts) have their own small seam with the same
// `t(message, ...args)` shape, so their `import * as l10n from '…/l10n'` is handed to the tool as an import of
// '@vscode/l10n' (the only change made to the text), which makes it read their `l10n.t('…')` calls too.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Folders below src/ whose messages the bundle holds, and whether their l10n seam import needs the alias (shell files
 * that stay free of `vscode` for the unit tests, such as saving/realPath.ts, use the core's seam too). */
export const L10N_FOLDERS = [
  { dir: 'extension', seam: true },
  { dir: 'core', seam: true },
  { dir: 'webview', seam: true },
];

/** `import * as l10n from '../l10n'` (any depth, or './l10n'): the seam import the tool is shown as '@vscode/l10n'. */
const SEAM_IMPORT = /(import\s+\*\s+as\s+l10n\s+from\s+)(['"])(?:\.\.?\/)+(?:core\/)?l10n\2/g;

function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** @returns {{ path: string, folder: string, extension: string, contents: string }[]} */
export function l10nSources(root) {
  return L10N_FOLDERS.flatMap(({ dir, seam }) =>
    tsFiles(join(root, 'src', dir)).map((path) => {
      const text = readFileSync(path, 'utf8');
      return {
        path: relative(root, path),
        folder: dir,
        extension: '.ts',
        contents: seam ? text.replace(SEAM_IMPORT, '$1$2@vscode/l10n$2') : text,
      };
    }),
  );
}

/** The English bundle: every message of every folder, sorted by key (as l10n/bundle.l10n.json is written). */
export async function extractBundle(root, getL10nJson) {
  const bundle = await getL10nJson(l10nSources(root).map(({ extension, contents }) => ({ extension, contents })));
  return Object.fromEntries(Object.entries(bundle).sort(([a], [b]) => a.localeCompare(b)));
}
