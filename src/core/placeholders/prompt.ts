// The prompt a placeholder starts with: the alt text when the author wrote one (it describes the picture), else a
// readable form of the file name plus where it appears (heading, component or selector), e.g.
// `hero-banner@2x.webp` in `.landing .hero` -> "hero banner, landing hero".
import type { ImageReference } from './types';

const GENERIC_WORDS = new Set(['img', 'image', 'images', 'pic', 'picture', 'final', 'copy', 'new', 'old', 'tmp', 'temp']);

export function derivePrompt(reference: Pick<ImageReference, 'alt' | 'path' | 'context'>): string {
  const alt = reference.alt?.replace(/\s+/g, ' ').trim();
  if (alt) return alt;
  const name = readableFileName(reference.path);
  const context = reference.context ? readableContext(reference.context) : '';
  const subject = name || 'placeholder image';
  if (!context || containsWords(subject, context) || containsWords(context, subject)) return subject;
  return `${subject}, ${context}`;
}

/** `assets/team_photo-2x.final.webp` -> "team photo". */
export function readableFileName(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  return words(
    base
      .replace(/@\d+(\.\d+)?x\b/gi, ' ')
      .replace(/\b\d+x\d+\b/gi, ' ')
      .replace(/(^|[-_.\s])\d+(\.\d+)?x(?=$|[-_.\s])/gi, ' '),
  ).join(' ');
}

/** A heading stays as written; `HeroSection` and `.site-header > .logo` become words. */
function readableContext(context: string): string {
  const looksLikeSelector = /^[.#:[&>~+*\w-]/.test(context) && /[.#>[\]:&]/.test(context);
  const looksLikeComponent = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$/.test(context);
  if (!looksLikeSelector && !looksLikeComponent) return context.replace(/\s+/g, ' ').trim();
  const first = context.split(',')[0]!;
  const cleaned = first.replace(/\[[^\]]*\]|::?[\w-]+(\([^)]*\))?/g, ' ');
  return words(cleaned).join(' ');
}

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w && !/^\d+$/.test(w) && !GENERIC_WORDS.has(w));
}

function containsWords(haystack: string, needle: string): boolean {
  const have = new Set(words(haystack));
  const want = words(needle);
  return want.length > 0 && want.every((w) => have.has(w));
}
