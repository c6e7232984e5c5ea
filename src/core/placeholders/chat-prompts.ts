// Prompts written by a chat model (opt-in `pruna.placeholders.promptsFromChatModel`): what is asked (the draft, the
// file, the code around the first reference), how an answer is read (one line, no quotes or "Prompt:" label, no size
// tokens, not too long, not generic), and the loop over a batch. The model is a plain function here, so the shell
// passes vscode.lm and the tests a fake; any failure or unusable answer keeps the draft: this only improves a draft.
import { describingText, withStyle } from './prompt';

/** What the loop needs of a placeholder: its draft prompt, its path and where its first reference is. */
export interface ChatPromptItem {
  readonly prompt: string;
  /** Workspace-relative path of the file to generate. */
  readonly relative: string;
  /** Offset of the first reference in its document's text. */
  readonly at: number;
}

/** Sends one request, resolves to the answer's text; rejects or resolves undefined when there is none. */
export type AskChatModel = (request: string) => Promise<string | undefined>;

export interface ChatPromptOptions {
  /** The text of the document the item's first reference is in. */
  readonly textOf: (index: number) => string | undefined;
  /** `pruna.placeholders.style`, appended to every written prompt. */
  readonly style?: string;
  /** At most this many requests per batch; the rest keep their drafts. */
  readonly max?: number;
}

export const MAX_CHAT_PROMPTS = 24;
/** Characters of the document before and after the reference that go into the request. */
export const EXCERPT_BEFORE = 700;
export const EXCERPT_AFTER = 300;
/** An answer longer than this is an essay, not a prompt. */
export const MAX_ANSWER_CHARS = 400;

export function chatPromptRequest(item: ChatPromptItem, text: string): string {
  const excerpt = text.slice(Math.max(0, item.at - EXCERPT_BEFORE), Math.min(text.length, item.at + EXCERPT_AFTER));
  return [
    'Write one prompt for an image generator: a placeholder image for a website, as a designer would brief it.',
    'Describe only what the picture shows (subject, setting, composition) in at most 30 words. No quotes, no size, no file names.',
    `The image file: ${item.relative}. Draft prompt: ${item.prompt}.`,
    'The code around the reference:',
    excerpt,
  ].join('\n');
}

/** The prompt in a model's answer, or undefined when the answer is not usable as one. */
export function readChatAnswer(answer: string | undefined): string | undefined {
  if (answer === undefined) return undefined;
  const firstParagraph = answer.trim().split(/\n\s*\n/)[0] ?? '';
  const line = firstParagraph
    .replace(/\s+/g, ' ')
    .replace(/^\s*(?:\*\*)?(?:image\s+)?prompt(?:\*\*)?\s*:\s*/i, '')
    .replace(/^["'“”‘’`\s]+|["'“”‘’`\s]+$/g, '')
    .trim();
  if (line === '' || line.length > MAX_ANSWER_CHARS) return undefined;
  return describingText(line);
}

/** Each item with the model's prompt where it gave a usable one (style appended), else its draft. In order. */
export async function writePromptsWithModel<T extends ChatPromptItem>(items: readonly T[], ask: AskChatModel, options: ChatPromptOptions): Promise<T[]> {
  const max = options.max ?? MAX_CHAT_PROMPTS;
  const result: T[] = [];
  for (const [index, item] of items.entries()) {
    if (index >= max) {
      result.push(item);
      continue;
    }
    let answer: string | undefined;
    try {
      answer = await ask(chatPromptRequest(item, options.textOf(index) ?? ''));
    } catch {
      answer = undefined;
    }
    const written = readChatAnswer(answer);
    result.push(written ? { ...item, prompt: withStyle(written, options.style) } : item);
  }
  return result;
}
