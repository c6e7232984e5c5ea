// The batch list: every missing image with its prompt and size, all selected; the user deselects, edits a prompt
// or a size (item buttons), or switches exact sizes for all (title button), then presses Enter.
import * as vscode from 'vscode';
import { getModel } from '../../core/catalog';
import { chooseSize, type SizeChoice, type SizeOptions } from '../../core/placeholders';
import { PLACEHOLDER_MODEL, type Placeholder } from './scan';

interface Entry {
  placeholder: Placeholder;
  picked: boolean;
}

interface Item extends vscode.QuickPickItem {
  readonly index: number;
}

const EDIT_PROMPT: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('edit'), tooltip: 'Edit prompt' };
const EDIT_SIZE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('screen-full'), tooltip: 'Change size' };
const exactButton = (on: boolean): vscode.QuickInputButton => ({
  iconPath: new vscode.ThemeIcon(on ? 'pass-filled' : 'circle-large-outline'),
  tooltip: on ? 'Exact sizes (the width × height the code states): on' : 'Exact sizes (the width × height the code states): off — nearest preset ratio',
});

type Outcome = { kind: 'accept' } | { kind: 'cancel' } | { kind: 'prompt' | 'size'; index: number } | { kind: 'exact' };

/** Resolves to the chosen placeholders (with edits), or undefined when the user closed the list. */
export async function pickPlaceholders(placeholders: readonly Placeholder[], sizing: SizeOptions): Promise<Placeholder[] | undefined> {
  const entries: Entry[] = placeholders.map((placeholder) => ({ placeholder, picked: true }));
  // With pruna.placeholders.size = exact the switch is between the exact file and the model's nearest ratio.
  let exactSizes = sizing.mode === 'exact' || sizing.exact;
  for (;;) {
    const outcome = await showList(entries, exactSizes);
    if (outcome.kind === 'cancel') return undefined;
    if (outcome.kind === 'accept') return entries.filter((e) => e.picked).map((e) => e.placeholder);
    if (outcome.kind === 'exact') {
      exactSizes = !exactSizes;
      const next: SizeOptions = sizing.mode === 'exact' ? { ...sizing, mode: exactSizes ? 'exact' : 'model', exact: false } : { ...sizing, exact: exactSizes };
      for (const entry of entries) entry.placeholder = { ...entry.placeholder, size: sizeFor(entry.placeholder, next) };
      continue;
    }
    const entry = entries[outcome.index]!;
    if (outcome.kind === 'prompt') {
      const prompt = await vscode.window.showInputBox({
        title: `Prompt for ${entry.placeholder.relative}`,
        value: entry.placeholder.prompt,
        ignoreFocusOut: true,
        validateInput: (text) => (text.trim() ? undefined : 'Describe the image to generate.'),
      });
      if (prompt !== undefined) entry.placeholder = { ...entry.placeholder, prompt: prompt.trim() };
    } else {
      const size = await pickSize(entry.placeholder, sizing);
      if (size) entry.placeholder = { ...entry.placeholder, size };
    }
  }
}

function sizeFor(placeholder: Placeholder, sizing: SizeOptions): SizeChoice {
  const reference = placeholder.references[0]!.reference;
  return chooseSize(getModel(PLACEHOLDER_MODEL), reference, sizing);
}

function showList(entries: Entry[], exact: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<Item>();
    pick.title = `Pruna: generate ${entries.length} missing image${entries.length === 1 ? '' : 's'}`;
    pick.placeholder = 'Uncheck what to skip · ✎ edits a prompt, ⤢ a size · Enter generates';
    pick.canSelectMany = true;
    pick.ignoreFocusOut = true;
    pick.matchOnDetail = true;
    pick.buttons = [exactButton(exact)];
    const items: Item[] = entries.map((entry, index) => ({
      index,
      label: entry.placeholder.relative,
      description: entry.placeholder.size.label,
      detail: `${entry.placeholder.prompt}  —  ${entry.placeholder.size.explanation}`,
      buttons: [EDIT_PROMPT, EDIT_SIZE],
    }));
    pick.items = items;
    pick.selectedItems = items.filter((item) => entries[item.index]!.picked);
    let outcome: Outcome = { kind: 'cancel' };
    const remember = () => {
      const selected = new Set(pick.selectedItems.map((item) => item.index));
      entries.forEach((entry, index) => (entry.picked = selected.has(index)));
    };
    const finish = (next: Outcome) => {
      remember();
      outcome = next;
      pick.hide();
    };
    pick.onDidAccept(() => finish({ kind: 'accept' }));
    pick.onDidTriggerButton(() => finish({ kind: 'exact' }));
    pick.onDidTriggerItemButton((e) => finish({ kind: e.button === EDIT_PROMPT ? 'prompt' : 'size', index: e.item.index }));
    pick.onDidHide(() => {
      pick.dispose();
      resolve(outcome);
    });
    pick.show();
  });
}

interface SizeItem extends vscode.QuickPickItem {
  readonly choice?: SizeChoice;
  readonly custom?: boolean;
}

async function pickSize(placeholder: Placeholder, sizing: SizeOptions): Promise<SizeChoice | undefined> {
  const model = getModel(PLACEHOLDER_MODEL);
  const reference = placeholder.references[0]!.reference;
  const fromCode = [
    chooseSize(model, reference, { ...sizing, mode: 'exact' }),
    chooseSize(model, reference, { ...sizing, mode: 'model', exact: false }),
    chooseSize(model, reference, { ...sizing, mode: 'model', exact: true }),
  ];
  const items: SizeItem[] = [
    { label: 'From the code', kind: vscode.QuickPickItemKind.Separator },
    ...fromCode
      .filter((choice, i) => fromCode.findIndex((other) => other.label === choice.label) === i)
      .map((choice) => ({ label: choice.label, detail: choice.explanation, choice })),
    { label: 'Preset ratios', kind: vscode.QuickPickItemKind.Separator },
    ...model.aspectRatios.map((ratio) => {
      const choice = chooseSize(model, { aspectRatio: ratioValue(ratio) }, { exact: false });
      return { label: choice.label, choice };
    }),
    ...(model.customSize ? [{ label: 'Custom width × height…', custom: true }] : []),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `Size for ${placeholder.relative}`, placeHolder: `Now: ${placeholder.size.explanation}` });
  if (!picked) return undefined;
  if (picked.choice) return picked.choice;
  const limits = model.customSize!;
  const typed = await vscode.window.showInputBox({
    title: `Custom size for ${placeholder.relative}`,
    prompt: `width×height, each ${limits.min}–${limits.max} and a multiple of ${limits.multiple} (other values are scaled and rounded, and you are told how)`,
    value: placeholder.size.width && placeholder.size.height ? `${placeholder.size.width}×${placeholder.size.height}` : '',
    validateInput: (text) => (parseSize(text) ? undefined : 'Write it as 1200×600 (or 1200x600).'),
  });
  const size = typed === undefined ? undefined : parseSize(typed);
  return size ? chooseSize(model, size, { exact: true, ...(sizing.mode ? { mode: sizing.mode } : {}) }) : undefined;
}

function parseSize(text: string): { width: number; height: number } | undefined {
  const match = /^\s*(\d+)\s*[x×*]\s*(\d+)\s*$/i.exec(text);
  if (!match) return undefined;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function ratioValue(ratio: string): number {
  const [w, h] = ratio.split(':').map(Number);
  return w! / h!;
}
