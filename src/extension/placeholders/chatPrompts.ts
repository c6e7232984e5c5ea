// Opt-in (`pruna.placeholders.promptsFromChatModel`): a chat model the user has in VS Code (vscode.lm) rewrites each
// placeholder's prompt from the text around its reference. Anything that goes wrong (no model, no consent, an error,
// no answer within the time limit) keeps the built-in prompt, silently: this only ever improves a draft.
import * as vscode from 'vscode';
import { withStyle } from '../../core/placeholders';
import type { Placeholder } from './scan';

const MAX_PLACEHOLDERS = 24;
const ANSWER_TIMEOUT_MS = 15_000;

export async function promptsFromChatModel(placeholders: readonly Placeholder[], textOf: (uri: vscode.Uri) => string | undefined, style: string | undefined): Promise<Placeholder[]> {
  let model: vscode.LanguageModelChat | undefined;
  try {
    model = typeof vscode.lm?.selectChatModels === 'function' ? (await vscode.lm.selectChatModels())[0] : undefined;
  } catch {
    model = undefined;
  }
  if (!model) return [...placeholders];
  const result: Placeholder[] = [];
  for (const [index, placeholder] of placeholders.entries()) {
    if (index >= MAX_PLACEHOLDERS) {
      result.push(placeholder);
      continue;
    }
    const written = await ask(model, placeholder, textOf);
    result.push(written ? { ...placeholder, prompt: withStyle(written, style) } : placeholder);
  }
  return result;
}

async function ask(model: vscode.LanguageModelChat, placeholder: Placeholder, textOf: (uri: vscode.Uri) => string | undefined): Promise<string | undefined> {
  const first = placeholder.references[0]!;
  const text = textOf(first.document) ?? '';
  const at = first.reference.range.start;
  const excerpt = text.slice(Math.max(0, at - 700), Math.min(text.length, at + 300));
  const request = [
    'Write one prompt for an image generator: a placeholder image for a website, as a designer would brief it.',
    'Describe only what the picture shows (subject, setting, composition) in at most 30 words. No quotes, no size, no file names.',
    `The image file: ${placeholder.relative}. Draft prompt: ${placeholder.prompt}.`,
    'The code around the reference:',
    excerpt,
  ].join('\n');
  const source = new vscode.CancellationTokenSource();
  const timer = setTimeout(() => source.cancel(), ANSWER_TIMEOUT_MS);
  try {
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User(request)], { justification: vscode.l10n.t('Pruna writes placeholder image prompts from your page.') }, source.token);
    let answer = '';
    for await (const part of response.text) answer += part;
    const line = answer.replace(/\s+/g, ' ').replace(/^["'\s]+|["'\s]+$/g, '').trim();
    return line && line.length <= 400 ? line : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    source.dispose();
  }
}
