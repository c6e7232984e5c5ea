// Does a prompt (or a placeholder's alt text) ask for exact words in the image? Quoted text ("SALE", “Open”) and
// phrases such as "a logo that says", "with the text", "headline:". Image models other than p-image-ideogram tend to
// garble lettering, so the shell offers that model, and asks first: the billed model never changes silently.
// Every pattern is a plain linear regular expression (no nested quantifiers), safe on any input length.
import * as l10n from './l10n';

export interface TextInImage {
  /** The quoted words, in order (may be empty when only a phrase asked for text). */
  readonly words: readonly string[];
  /** What was recognised, for the question shown to the user. */
  readonly reason: string;
}

const QUOTED = /["“”«»„]([^"“”«»„\n]{1,80})["“”«»]/g;
// The reasons are functions: translated when a prompt is checked, not at module load.
const PHRASES: readonly [RegExp, () => string][] = [
  [/\b(?:that|which|it)\s+(?:says|reads|spells)\b/i, () => l10n.t('it asks for text that "says" something')],
  [/\bsaying\b/i, () => l10n.t('it asks for text "saying" something')],
  [/\bwith\s+the\s+(?:text|words?|title|caption|slogan|name|lettering|headline)\b/i, () => l10n.t('it asks for text on the image')],
  [/\b(?:text|words|title|headline|slogan|lettering|caption|tagline)\s*:/i, () => l10n.t('it gives text to render')],
  [/\b(?:typography|lettering|wordmark|calligraphy)\b/i, () => l10n.t('it asks for lettering')],
];

export function wantsLegibleText(text: string): TextInImage | undefined {
  const input = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const words = [...input.matchAll(QUOTED)].map((m) => m[1]!.trim()).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length) return { words, reason: l10n.t('it quotes {0}', words.map((w) => `"${w}"`).join(', ')) };
  for (const [pattern, reason] of PHRASES) if (pattern.test(input)) return { words: [], reason: reason() };
  return undefined;
}
