// Does a prompt (or a placeholder's alt text) ask for exact words in the image? Quoted text ("SALE", “Open”) and
// phrases such as "a logo that says", "with the text", "headline:". Image models other than p-image-ideogram tend to
// garble lettering, so the shell offers that model, and asks first: the billed model never changes silently.
// Every pattern is a plain linear regular expression (no nested quantifiers), safe on any input length.

export interface TextInImage {
  /** The quoted words, in order (may be empty when only a phrase asked for text). */
  readonly words: readonly string[];
  /** What was recognised, for the question shown to the user. */
  readonly reason: string;
}

const QUOTED = /["“”«»„]([^"“”«»„\n]{1,80})["“”«»]/g;
const PHRASES: readonly [RegExp, string][] = [
  [/\b(?:that|which|it)\s+(?:says|reads|spells)\b/i, 'it asks for text that "says" something'],
  [/\bsaying\b/i, 'it asks for text "saying" something'],
  [/\bwith\s+the\s+(?:text|words?|title|caption|slogan|name|lettering|headline)\b/i, 'it asks for text on the image'],
  [/\b(?:text|words|title|headline|slogan|lettering|caption|tagline)\s*:/i, 'it gives text to render'],
  [/\b(?:typography|lettering|wordmark|calligraphy)\b/i, 'it asks for lettering'],
];

export function wantsLegibleText(text: string): TextInImage | undefined {
  const input = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const words = [...input.matchAll(QUOTED)].map((m) => m[1]!.trim()).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length) return { words, reason: `it quotes ${words.map((w) => `"${w}"`).join(', ')}` };
  for (const [pattern, reason] of PHRASES) if (pattern.test(input)) return { words: [], reason };
  return undefined;
}
