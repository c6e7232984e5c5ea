// Opt-in (`pruna.placeholders.promptsFromChatModel`): a chat model the user has in VS Code (vscode.lm) rewrites each
// placeholder's prompt from the text around its reference. Anything that goes wrong (no model, no consent, an error,
// no answer within the time limit) keeps the built-in prompt, silently: this only ever improves a draft. What is
// asked and how an answer is read is core (src/core/placeholders/chat-prompts.ts); this file only talks to vscode.lm.
import * as vscode from 'vscode';
import { writePromptsWithModel, type AskChatModel } from '../../core/placeholders';
import type { Placeholder } from './scan';

const ANSWER_TIMEOUT_MS = 15_000;

export async function promptsFromChatModel(placeholders: readonly Placeholder[], textOf: (uri: vscode.Uri) => string | undefined, style: string | undefined): Promise<Placeholder[]> {
  let model: vscode.LanguageModelChat | undefined;
  try {
    model = typeof vscode.lm?.selectChatModels === 'function' ? (await vscode.lm.selectChatModels())[0] : undefined;
  } catch {
    model = undefined;
  }
  if (!model) return [...placeholders];
  const items = placeholders.map((placeholder) => ({ prompt: placeholder.prompt, relative: placeholder.relative, at: placeholder.references[0]!.reference.range.start, placeholder }));
  const written = await writePromptsWithModel(items, askModel(model), {
    textOf: (index) => textOf(placeholders[index]!.references[0]!.document),
    ...(style !== undefined ? { style } : {}),
  });
  return written.map((item) => (item.prompt === item.placeholder.prompt ? item.placeholder : { ...item.placeholder, prompt: item.prompt }));
}

function askModel(model: vscode.LanguageModelChat): AskChatModel {
  return async (request) => {
    const source = new vscode.CancellationTokenSource();
    const timer = setTimeout(() => source.cancel(), ANSWER_TIMEOUT_MS);
    try {
      const response = await model.sendRequest([vscode.LanguageModelChatMessage.User(request)], { justification: vscode.l10n.t('Pruna writes placeholder image prompts from your page.') }, source.token);
      let answer = '';
      for await (const part of response.text) answer += part;
      return answer;
    } finally {
      clearTimeout(timer);
      source.dispose();
    }
  };
}
