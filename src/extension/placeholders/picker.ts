// The batch list: every missing image with its prompt and size, all selected; the user deselects, edits a prompt
// or a size (item buttons), or switches exact sizes for all (title button), then presses Enter.
import * as vscode from 'vscode';
import { getModel } from '../../core/catalog';
import { chooseSize, withStyle, type SizeChoice, type SizeOptions } from '../../core/placeholders';
import { proposeStyle } from '../../core/project';
import { PLACEHOLDER_MODEL, placeholderFromCandidate, type Placeholder, type ScanDocument, type Unfilled } from './scan';
import { savePlaceholderStyle } from './settings';
import { workspaceProjects } from './projects';

interface Entry {
  placeholder: Placeholder;
  picked: boolean;
}

interface Item extends vscode.QuickPickItem {
  /** Index into the entries, or (from entries.length on) into the ambiguous references. */
  readonly index: number;
}

export interface PickerContext {
  /** References the project cannot place for sure: listed unchecked; checking one asks which candidate. */
  readonly ambiguous: readonly Unfilled[];
  readonly documents: readonly ScanDocument[];
  /** The style in effect (pruna.placeholders.style); when none, one is proposed from the project. */
  readonly style: string | undefined;
  readonly scope: vscode.Uri | undefined;
}

// One object each (the list tells the buttons apart by identity); the tooltip is translated when VS Code reads it.
const EDIT_PROMPT: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('edit'), get tooltip() { return vscode.l10n.t('Edit prompt'); } };
const EDIT_SIZE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('screen-full'), get tooltip() { return vscode.l10n.t('Change size'); } };
const exactButton = (on: boolean): vscode.QuickInputButton => ({
  iconPath: new vscode.ThemeIcon(on ? 'pass-filled' : 'circle-large-outline'),
  tooltip: on ? vscode.l10n.t('Exact sizes (the width × height the code states): on') : vscode.l10n.t('Exact sizes (the width × height the code states): off — nearest preset ratio'),
});

type Outcome = { kind: 'accept' } | { kind: 'cancel' } | { kind: 'prompt' | 'size'; index: number } | { kind: 'exact' } | { kind: 'style' };

const styleButton = (proposal: string): vscode.QuickInputButton => ({ iconPath: new vscode.ThemeIcon('symbol-color'), tooltip: vscode.l10n.t('No style set: use one from the project ("{0}")…', proposal) });

/** Resolves to the chosen placeholders (with edits), or undefined when the user closed the list. */
export async function pickPlaceholders(placeholders: readonly Placeholder[], sizing: SizeOptions, context?: PickerContext): Promise<Placeholder[] | undefined> {
  const entries: Entry[] = placeholders.map((placeholder) => ({ placeholder, picked: true }));
  const ambiguous = (context?.ambiguous ?? []).map((unfilled) => ({ unfilled, picked: false }));
  let style = context?.style;
  const proposal = style || !context ? undefined : await proposedStyle(context);
  // With pruna.placeholders.size = exact the switch is between the exact file and the model's nearest ratio.
  let exactSizes = sizing.mode === 'exact' || sizing.exact;
  for (;;) {
    const outcome = await showList(entries, exactSizes, ambiguous, style ? undefined : proposal);
    if (outcome.kind === 'cancel') return undefined;
    if (outcome.kind === 'accept') {
      const chosen = entries.filter((e) => e.picked).map((e) => e.placeholder);
      for (const entry of ambiguous.filter((a) => a.picked)) {
        const placeholder = await chooseCandidate(entry.unfilled, context!, { ...sizing, exact: exactSizes }, style);
        if (placeholder) chosen.push(placeholder);
      }
      return chosen;
    }
    if (outcome.kind === 'exact') {
      exactSizes = !exactSizes;
      const next: SizeOptions = sizing.mode === 'exact' ? { ...sizing, mode: exactSizes ? 'exact' : 'model', exact: false } : { ...sizing, exact: exactSizes };
      for (const entry of entries) entry.placeholder = { ...entry.placeholder, size: sizeFor(entry.placeholder, next) };
      continue;
    }
    if (outcome.kind === 'style') {
      const typed = await vscode.window.showInputBox({
        title: vscode.l10n.t('Pruna: a style for every placeholder of this project (saved as pruna.placeholders.style)'),
        value: proposal?.style ?? '',
        prompt: proposal ? vscode.l10n.t('Proposed from {0}', proposal.source) : undefined,
        ignoreFocusOut: true,
      });
      if (typed?.trim()) {
        style = typed.trim();
        await savePlaceholderStyle(style, context?.scope);
        for (const entry of entries) entry.placeholder = { ...entry.placeholder, prompt: withStyle(entry.placeholder.prompt, style) };
      }
      continue;
    }
    const entry = entries[outcome.index]!;
    if (outcome.kind === 'prompt') {
      const prompt = await vscode.window.showInputBox({
        title: vscode.l10n.t('Prompt for {0}', entry.placeholder.relative),
        value: entry.placeholder.prompt,
        ignoreFocusOut: true,
        validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Describe the image to generate.')),
      });
      if (prompt !== undefined) entry.placeholder = { ...entry.placeholder, prompt: prompt.trim() };
    } else {
      const size = await pickSize(entry.placeholder, sizing);
      if (size) entry.placeholder = { ...entry.placeholder, size };
    }
  }
}

async function proposedStyle(context: PickerContext): Promise<{ style: string; source: string } | undefined> {
  const scope = context.scope ?? context.documents[0]?.uri;
  const projects = scope && workspaceProjects().forDocument(scope);
  if (!projects || !scope) return undefined;
  try {
    const project = await projects.model.projectOf(context.documents[0]?.uri.path ?? scope.path);
    return await proposeStyle(projects.reader, project);
  } catch {
    return undefined;
  }
}

/** An ambiguous reference is filled only at the candidate the user picks. */
async function chooseCandidate(unfilled: Unfilled, context: PickerContext, sizing: SizeOptions, style: string | undefined): Promise<Placeholder | undefined> {
  const picked = await vscode.window.showQuickPick(
    unfilled.candidates.map((candidate) => ({ label: candidate.relative, detail: candidate.rule, candidate })),
    { title: vscode.l10n.t('Where should {0} be created?', unfilled.reference.rawPath), placeHolder: unfilled.reason, ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  const text = context.documents.find((d) => d.uri.toString() === unfilled.document.toString())?.text;
  return placeholderFromCandidate(unfilled, picked.candidate, text, sizing, style);
}

function sizeFor(placeholder: Placeholder, sizing: SizeOptions): SizeChoice {
  const reference = placeholder.references[0]!.reference;
  return chooseSize(getModel(PLACEHOLDER_MODEL), reference, sizing);
}

function showList(entries: Entry[], exact: boolean, ambiguous: { unfilled: Unfilled; picked: boolean }[], proposal: { style: string } | undefined): Promise<Outcome> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<Item>();
    pick.title = entries.length === 1 ? vscode.l10n.t('Pruna: generate 1 missing image') : vscode.l10n.t('Pruna: generate {0} missing images', entries.length);
    pick.placeholder = vscode.l10n.t('Uncheck what to skip · ✎ edits a prompt, ⤢ a size · Enter generates');
    pick.canSelectMany = true;
    pick.ignoreFocusOut = true;
    pick.matchOnDetail = true;
    const STYLE = proposal ? styleButton(proposal.style) : undefined;
    pick.buttons = STYLE ? [exactButton(exact), STYLE] : [exactButton(exact)];
    const items: Item[] = entries.map((entry, index) => ({
      index,
      label: entry.placeholder.relative,
      description: entry.placeholder.size.label,
      detail: `${entry.placeholder.prompt}  —  ${entry.placeholder.size.explanation}  —  ${entry.placeholder.resolution.rule}${entry.placeholder.format ? `  —  ${entry.placeholder.format.note}` : ''}`,
      buttons: [EDIT_PROMPT, EDIT_SIZE],
    }));
    const ambiguousItems: Item[] = ambiguous.map((entry, index) => ({
      index: entries.length + index,
      label: `$(question) ${entry.unfilled.reference.rawPath}`,
      description: vscode.l10n.t('ambiguous: {0}', entry.unfilled.candidates.map((c) => c.relative).join(vscode.l10n.t(' or '))),
      detail: vscode.l10n.t('{0} — check it to choose where it goes', entry.unfilled.reason),
    }));
    pick.items = ambiguousItems.length ? [...items, { label: vscode.l10n.t('Ambiguous: not generated unless you check one and choose where'), kind: vscode.QuickPickItemKind.Separator, index: -1 }, ...ambiguousItems] : items;
    pick.selectedItems = [...items.filter((item) => entries[item.index]!.picked), ...ambiguousItems.filter((item) => ambiguous[item.index - entries.length]!.picked)];
    let outcome: Outcome = { kind: 'cancel' };
    const remember = () => {
      const selected = new Set(pick.selectedItems.map((item) => item.index));
      entries.forEach((entry, index) => (entry.picked = selected.has(index)));
      ambiguous.forEach((entry, index) => (entry.picked = selected.has(entries.length + index)));
    };
    const finish = (next: Outcome) => {
      remember();
      outcome = next;
      pick.hide();
    };
    pick.onDidAccept(() => finish({ kind: 'accept' }));
    pick.onDidTriggerButton((button) => finish(button === STYLE ? { kind: 'style' } : { kind: 'exact' }));
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
    { label: vscode.l10n.t('From the code'), kind: vscode.QuickPickItemKind.Separator },
    ...fromCode
      .filter((choice, i) => fromCode.findIndex((other) => other.label === choice.label) === i)
      .map((choice) => ({ label: choice.label, detail: choice.explanation, choice })),
    { label: vscode.l10n.t('Preset ratios'), kind: vscode.QuickPickItemKind.Separator },
    ...model.aspectRatios.map((ratio) => {
      const choice = chooseSize(model, { aspectRatio: ratioValue(ratio) }, { exact: false });
      return { label: choice.label, choice };
    }),
    ...(model.customSize ? [{ label: vscode.l10n.t('Custom width × height…'), custom: true }] : []),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Size for {0}', placeholder.relative), placeHolder: vscode.l10n.t('Now: {0}', placeholder.size.explanation) });
  if (!picked) return undefined;
  if (picked.choice) return picked.choice;
  const limits = model.customSize!;
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Custom size for {0}', placeholder.relative),
    prompt: vscode.l10n.t('width×height, each {0}–{1} and a multiple of {2} (other values are scaled and rounded, and you are told how)', limits.min, limits.max, limits.multiple),
    value: placeholder.size.width && placeholder.size.height ? `${placeholder.size.width}×${placeholder.size.height}` : '',
    validateInput: (text) => (parseSize(text) ? undefined : vscode.l10n.t('Write it as 1200×600 (or 1200x600).')),
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
