// The interactive steps shared by the commands. Each returns undefined when the user dismisses it (the command then
// stops quietly); everything typed is checked in the input box itself, so a mistake is fixed in place.
import * as vscode from 'vscode';
import { SEED_MAX, outputSize, type ModelSpec } from '../../core';
import type { Config } from '../config';

const LAST_PROMPT_KEY = 'pruna.lastPrompt';

export async function askPrompt(memento: vscode.Memento, options: { title: string; placeHolder: string; value?: string }): Promise<string | undefined> {
  const prompt = await vscode.window.showInputBox({
    title: options.title,
    prompt: vscode.l10n.t('Describe it in a sentence or two. The seed is shown with the result so you can make it again.'),
    placeHolder: options.placeHolder,
    value: options.value ?? memento.get<string>(LAST_PROMPT_KEY) ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('The prompt is empty: describe what you want.') : undefined),
  });
  if (prompt === undefined) return undefined;
  await memento.update(LAST_PROMPT_KEY, prompt.trim());
  return prompt.trim();
}

export interface SizeChoice {
  aspect_ratio?: string;
  width?: number;
  height?: number;
  seed?: number;
}

interface RatioItem extends vscode.QuickPickItem {
  readonly choice: 'ratio' | 'custom' | 'seed';
  readonly ratio?: string;
}

/** Aspect ratio (the model's list, preferred one first), "Custom size…", and "Fixed seed…" which returns here. */
export async function askSize(model: ModelSpec, config: Config, options: { allowSeed?: boolean } = {}): Promise<SizeChoice | undefined> {
  if (model.aspectRatios.length === 0) return {};
  const preferred = model.kind === 'edit' ? model.defaultAspectRatio : config.defaultAspectRatio();
  let seed: number | undefined = typeof config.seed() === 'number' ? (config.seed() as number) : undefined;
  for (;;) {
    const ratios = [...model.aspectRatios].sort((a, b) => (a === preferred ? -1 : b === preferred ? 1 : 0));
    const items: RatioItem[] = ratios.map((ratio) => {
      const size = outputSize(model.id, { aspect_ratio: ratio });
      const notes = [size ? `${size.width}×${size.height}` : '', ratio === preferred ? vscode.l10n.t('default') : ''].filter(Boolean);
      return {
        label: ratio === 'match_input_image' ? vscode.l10n.t('Match the input image') : ratio,
        ...(notes.length ? { description: notes.join(' · ') } : {}),
        choice: 'ratio' as const,
        ratio,
      };
    });
    if (model.customSize) {
      items.push({ label: vscode.l10n.t('Custom size…'), description: vscode.l10n.t('W×H, {0}–{1} px, multiples of {2}', model.customSize.min, model.customSize.max, model.customSize.multiple), choice: 'custom' });
    }
    if (options.allowSeed !== false) {
      items.push({ label: '', kind: vscode.QuickPickItemKind.Separator, choice: 'seed' });
      items.push({ label: `$(lock) ${vscode.l10n.t('Fixed seed…')}`, description: seed === undefined ? vscode.l10n.t('now: random') : vscode.l10n.t('now: {0}', seed), choice: 'seed' });
    }
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('{0}: aspect ratio', model.label), placeHolder: vscode.l10n.t('Pick an aspect ratio'), ignoreFocusOut: true });
    if (!picked) return undefined;
    if (picked.choice === 'seed') {
      const value = await askSeed(seed);
      if (value !== undefined) seed = value === 'random' ? undefined : value;
      continue;
    }
    if (picked.choice === 'ratio') return { aspect_ratio: picked.ratio!, ...(seed !== undefined ? { seed } : {}) };
    const size = await askCustomSize(model);
    if (!size) continue;
    return { aspect_ratio: 'custom', ...size, ...(seed !== undefined ? { seed } : {}) };
  }
}

async function askSeed(current: number | undefined): Promise<number | 'random' | undefined> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Seed'),
    prompt: vscode.l10n.t('A whole number from 0 to {0} makes the result reproducible; leave empty for a random seed.', SEED_MAX),
    value: current === undefined ? '' : String(current),
    validateInput: (v) => (v.trim() === '' || isSeed(v) ? undefined : vscode.l10n.t('Use a whole number from 0 to {0}, or leave empty.', SEED_MAX)),
  });
  if (value === undefined) return undefined;
  return value.trim() === '' ? 'random' : Number(value.trim());
}

export function isSeed(text: string): boolean {
  return /^[0-9]+$/.test(text.trim()) && Number(text.trim()) <= SEED_MAX;
}

export function parseSize(text: string): { width: number; height: number } | undefined {
  const m = /^\s*(\d+)\s*[x×*, ]\s*(\d+)\s*$/i.exec(text);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}

async function askCustomSize(model: ModelSpec): Promise<{ width: number; height: number } | undefined> {
  const limits = model.customSize!;
  const fits = (n: number) => n >= limits.min && n <= limits.max && n % limits.multiple === 0;
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0}: custom size', model.label),
    prompt: vscode.l10n.t('Width × height in pixels, each {0}–{1} and a multiple of {2}.', limits.min, limits.max, limits.multiple),
    placeHolder: '1024x576',
    validateInput: (v) => {
      const size = parseSize(v);
      if (!size) return vscode.l10n.t('Write it as WIDTHxHEIGHT, e.g. 1024x576.');
      if (!fits(size.width) || !fits(size.height)) return vscode.l10n.t('Each side must be {0}–{1} and a multiple of {2}.', limits.min, limits.max, limits.multiple);
      return undefined;
    },
  });
  return value === undefined ? undefined : parseSize(value);
}

/** Image files from a dialog, or one https URL typed in. */
export async function askImages(options: { title: string; max: number; optional?: boolean }): Promise<string[] | undefined> {
  interface SourceItem extends vscode.QuickPickItem {
    readonly source: 'files' | 'url' | 'none';
  }
  const items: SourceItem[] = [
    { label: `$(file-media) ${vscode.l10n.t('Choose image files…')}`, description: vscode.l10n.t('png, jpg, webp; up to {0}', options.max), source: 'files' },
    { label: `$(link) ${vscode.l10n.t('Enter a public https URL…')}`, source: 'url' },
  ];
  if (options.optional) items.unshift({ label: vscode.l10n.t('No image'), description: vscode.l10n.t('text only'), source: 'none' });
  const picked = await vscode.window.showQuickPick(items, { title: options.title, ignoreFocusOut: true });
  if (!picked) return undefined;
  if (picked.source === 'none') return [];
  if (picked.source === 'url') {
    const url = await vscode.window.showInputBox({
      title: options.title,
      prompt: vscode.l10n.t('A public https URL of a png, jpg or webp image (the P-API downloads it).'),
      placeHolder: 'https://example.com/photo.jpg',
      ignoreFocusOut: true,
      validateInput: (v) => (/^https:\/\/\S+$/i.test(v.trim()) ? undefined : vscode.l10n.t('Use a public https:// URL.')),
    });
    return url === undefined ? undefined : [url.trim()];
  }
  const files = await vscode.window.showOpenDialog({
    title: options.title,
    canSelectMany: options.max > 1,
    openLabel: vscode.l10n.t('Use'),
    filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'webp'] },
    ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
  });
  return files === undefined || files.length === 0 ? undefined : files.map((f) => f.toString());
}
