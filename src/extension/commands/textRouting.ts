// When a prompt asks for exact words, offer p-image-ideogram (legible text) instead of the image model the command
// would use, and ask: the billed model never changes without the user choosing it.
import * as vscode from 'vscode';
import { getModel, modelPrice, wantsLegibleText, type ModelId } from '../../core';

export const TEXT_MODEL: ModelId = 'p-image-ideogram';

function price(model: ModelId): string {
  const p = modelPrice(model);
  return p ? `about $${p.usd} per image${p.note ? ` (${p.note})` : ''}` : 'price unknown';
}

/**
 * The model to run: `current` when the prompt asks for no words; otherwise the user's choice between the text model
 * and `current` (undefined when the question is dismissed).
 */
export async function chooseModelForText(prompt: string, current: ModelId): Promise<ModelId | undefined> {
  if (current === TEXT_MODEL) return current;
  const found = wantsLegibleText(prompt);
  if (!found) return current;
  const text = getModel(TEXT_MODEL);
  const base = getModel(current);
  const items = [
    { label: `$(text-size) ${text.label}`, description: price(TEXT_MODEL), detail: vscode.l10n.t('{0} Recommended: {1}.', text.summary, found.reason), model: TEXT_MODEL },
    { label: vscode.l10n.t('Keep {0}', base.label), description: price(current), detail: vscode.l10n.t('Lettering may come out garbled.'), model: current },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Pruna: this prompt asks for words in the image — use {0}?', text.label),
    placeHolder: vscode.l10n.t('{0}. The model decides what is billed.', found.reason),
    ignoreFocusOut: true,
  });
  return picked?.model;
}
