// Types for l10nSources.mjs (used by the unit test test/unit/shell/l10n.test.ts).
export const L10N_FOLDERS: readonly { dir: string; seam: boolean }[];
export function l10nSources(root: string): { path: string; folder: string; extension: string; contents: string }[];
export function extractBundle(
  root: string,
  getL10nJson: (files: { extension: string; contents: string }[]) => Promise<Record<string, unknown>>,
): Promise<Record<string, string>>;
