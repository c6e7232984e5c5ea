// The one door for user-facing text in the core. The core never imports `vscode`, so it cannot call vscode.l10n.t
// itself: the extension installs it here at activation (`setTranslator`), and plain Node (unit tests, benches) gets
// English with {0} placeholders filled in.
//
// Call it as `l10n.t('Message {0}', arg)` after `import * as l10n from '<relative path>/l10n'`, with a string literal
// as the message: `npm run l10n` (test/tools/nls.mjs) reads those calls into l10n/bundle.l10n.json, and
// test/unit/shell/l10n.test.ts fails when one is missing. Translate where the message is made, never at module load
// (the translator is installed only when the extension activates).

export type L10nArg = string | number | boolean;
export type Translator = (message: string, args: readonly L10nArg[]) => string;

/** `{0}`, `{1}`… replaced by the argument at that index; a placeholder without an argument stays as it is. */
export function format(message: string, args: readonly L10nArg[]): string {
  if (args.length === 0) return message;
  return message.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
}

let translator: Translator = format;

/** Installs the extension's translator (vscode.l10n.t); without an argument, back to English. */
export function setTranslator(next?: Translator): void {
  translator = next ?? format;
}

/** The message in the user's language, with its placeholders filled. */
export function t(message: string, ...args: L10nArg[]): string {
  return translator(message, args);
}
