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
    { label: `$(text-size) ${text.label}`, description: price(TEXT_MODEL), detail: `${text.summary} Recommended: ${found.reason}.`, model: TEXT_MODEL },
    { label: `Keep ${base.label}`, description: price(current), detail: 'Lettering may come out garbled.', model: current },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Pruna: this prompt asks for words in the image — use ${text.label}?`,
    placeHolder: `${found.reason}. The model decides what is billed.`,
    ignoreFocusOut: true,
  });
  return picked?.model;
}
