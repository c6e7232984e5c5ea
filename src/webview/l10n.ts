// The Studio's text in the user's language. The host sends the translated bundle in the init message (built from the
// same l10n/bundle.l10n.<language>.json as the rest of the extension); a message it lacks stays English.
// Call it as `l10n.t('Message {0}', arg)` after `import * as l10n from './l10n'`, with a string literal as the message,
// so `npm run l10n` (test/tools/nls.mjs) puts it in the bundle; translate when rendering, never at module load.

let strings: Readonly<Record<string, string>> = {};

/** The host's table (English message -> translation); empty for English. */
export function setStrings(table: Readonly<Record<string, string>> | undefined): void {
  strings = table ?? {};
}

/** The message in the user's language; `{0}`, `{1}`… replaced by the argument at that index. */
export function t(message: string, ...args: (string | number)[]): string {
  const translated = Object.hasOwn(strings, message) ? strings[message]! : message;
  if (args.length === 0) return translated;
  return translated.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
}
