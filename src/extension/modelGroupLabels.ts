// The words of src/shared/modelGroups.ts in the user's language. The English stays the one wording in shared/ (the
// Studio looks its group labels up in the bundle by that English); these literal calls put each one in the bundle,
// and test/unit/shell/l10n.test.ts checks that every shared label has one.
import * as vscode from 'vscode';
import { mediaFileFilters, type ModelGroup } from '../shared/modelGroups';

export function modelGroupLabel(group: ModelGroup): string {
  switch (group) {
    case 'generate': return vscode.l10n.t('Generate images');
    case 'edit': return vscode.l10n.t('Edit images');
    case 'upscale': return vscode.l10n.t('Upscale');
    case 'try-on': return vscode.l10n.t('Try-on');
    case 'video': return vscode.l10n.t('Video');
    case 'training': return vscode.l10n.t('Train a style');
  }
}

/** mediaFileFilters with the filter names (shown in the open dialog) translated. */
export function localMediaFilters(media: readonly string[]): Record<string, string[]> {
  const names: Record<string, string> = {
    Images: vscode.l10n.t('Images'),
    Video: vscode.l10n.t('Video'),
    Audio: vscode.l10n.t('Audio'),
    'Zip archives': vscode.l10n.t('Zip archives'),
  };
  return Object.fromEntries(Object.entries(mediaFileFilters(media)).map(([name, extensions]) => [names[name] ?? name, extensions]));
}
