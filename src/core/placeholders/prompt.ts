// The prompt a placeholder starts with, the way a designer would brief it: the alt text when it describes the picture
// (generic ones such as "image", "...", "Imgur", "screen capture" say nothing and are skipped), else a figure's
// caption, else a readable file name (hash-like names and size tokens dropped) with where it appears (heading,
// component or selector), else the paragraph around it or the site's title. The project's style is appended, so a
// whole site's placeholders match. `hero-banner@2x.webp` in `.landing .hero` -> "hero banner, landing hero".
import type { ImageReference } from './types';

const GENERIC_WORDS = new Set(['img', 'image', 'images', 'pic', 'picture', 'final', 'copy', 'new', 'old', 'tmp', 'temp', 'dsc', 'dscn', 'dcim', 'pxl', 'screenshot', 'screen', 'shot', 'capture', 'untitled', 'unnamed', 'file', 'asset', 'assets', 'download', 'scaled', 'min', 'thumb', 'large', 'small', 'medium', 'src']);

/** Alt texts that describe nothing (compared lower case, punctuation-trimmed). */
const GENERIC_ALTS = new Set([
  '', 'image', 'img', 'images', 'photo', 'photos', 'picture', 'pic', 'pics', 'screenshot', 'screenshots', 'screen shot',
  'screen capture', 'screencapture', 'screengrab', 'capture', 'imgur', 'user image', 'user', 'alt', 'alt text', 'alttext',
  'untitled', 'placeholder', 'placeholder image', 'thumbnail', 'thumb', 'image description', 'description', 'todo',
  'null', 'undefined', 'none', 'figure', 'fig', 'graphic', 'foto', 'bild', 'image alt', 'alt image', 'preview', 'demo',
  'example', 'sample', 'test', 'banner image', 'header image', 'cover image', 'featured image', 'blog image', 'post image',
  'enter image description here', 'insert image', 'gif', 'png', 'jpg', 'jpeg', 'svg', 'webp',
]);

export interface PromptContext {
  /** The document's text (for figure captions and the paragraph around the reference). */
  readonly text?: string;
  /** The site's title or package description, the last resort for a subject. */
  readonly siteTitle?: string;
  /** `pruna.placeholders.style`, appended to every prompt. */
  readonly style?: string;
}

type Described = Pick<ImageReference, 'alt' | 'path' | 'context'> & { readonly range?: ImageReference['range'] };

export function derivePrompt(reference: Described, context: PromptContext = {}): string {
  return withStyle(subjectOf(reference, context), context.style);
}

function subjectOf(reference: Described, context: PromptContext): string {
  const alt = describingText(reference.alt);
  if (alt) return alt;
  const caption = context.text && reference.range ? describingText(figureCaption(context.text, reference.range.end)) : undefined;
  if (caption) return caption;
  const name = readableFileName(reference.path);
  const where = reference.context ? readableContext(reference.context) : '';
  if (name) {
    if (!where || containsWords(name, where) || containsWords(where, name)) return name;
    return `${name}, ${where}`;
  }
  const paragraph = context.text && reference.range ? nearbySentence(context.text, reference.range.start) : undefined;
  const parts = ['placeholder image', where, paragraph ?? (where ? '' : (context.siteTitle ?? ''))].filter(Boolean);
  return parts.join(', ');
}

export function withStyle(prompt: string, style: string | undefined): string {
  const wanted = style?.replace(/\s+/g, ' ').trim();
  if (!wanted || prompt.toLowerCase().endsWith(wanted.toLowerCase())) return prompt;
  return `${prompt}, ${wanted}`;
}

/** The text with size tokens removed, or undefined when it says nothing (generic, a file name, a hash). */
export function describingText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const cleaned = stripSizeTokens(text.replace(/\s+/g, ' ').trim());
  const key = cleaned.toLowerCase().replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
  if (GENERIC_ALTS.has(key) || !/\p{L}/u.test(key)) return undefined;
  if (/^[\w.-]+\.(png|jpe?g|gif|webp|avif|svg)$/i.test(cleaned)) return undefined;
  if (isHashLike(key.replace(/\s+/g, ''))) return undefined;
  if (/^(image|img|photo|picture|screenshot|screen shot|figure|fig\.?)[\s_-]*\d+$/i.test(key)) return undefined;
  if (/^(screen ?shot|capture d.écran|bildschirmfoto)\b.*\d/i.test(key)) return undefined;
  return cleaned;
}

/** `jqueryui 32x32` -> `jqueryui`; also `1200×630`, `@2x`, `800w`. */
function stripSizeTokens(text: string): string {
  return text
    .replace(/\b\d+\s*[x×]\s*\d+\b(?:\s*px)?/gi, ' ')
    .replace(/@\d+(\.\d+)?x\b/gi, ' ')
    .replace(/\b\d+(w|px)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:-]+|[\s,;:-]+$/g, '')
    .trim();
}

/** A random-looking token: long hex, a UUID part, or letters and digits mixed like `jj3a5n8` / `5f2b9c1e`. */
export function isHashLike(token: string): boolean {
  if (token.length < 5) return false;
  if (/^[0-9a-f]{8,}$/i.test(token) && /\d/.test(token)) return true;
  const digits = (token.match(/\d/g) ?? []).length;
  const letters = (token.match(/[a-z]/gi) ?? []).length;
  if (digits < 2 || letters < 2) return false;
  const switches = (token.match(/[a-z](?=\d)|\d(?=[a-z])/gi) ?? []).length;
  return switches >= 3 || (token.length >= 12 && digits >= 3);
}

/** `assets/team_photo-2x.final.webp` -> "team photo"; `jj3A5N8.png` and `IMG_0012.png` -> "". */
export function readableFileName(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  const segments = base
    .replace(/@\d+(\.\d+)?x\b/gi, ' ')
    .replace(/\b\d+x\d+\b/gi, ' ')
    .replace(/(^|[-_.\s])\d+(\.\d+)?x(?=$|[-_.\s])/gi, ' ')
    .replace(/(^|[-_.\s])\d+w(?=$|[-_.\s])/gi, ' ')
    .split(/[-_.\s]+/)
    .filter((segment) => segment && !isHashLike(segment));
  return words(segments.join(' ')).join(' ');
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

/** The `<figcaption>` of the `<figure>` the reference is in (looked for within 600 characters after it). */
function figureCaption(text: string, offset: number): string | undefined {
  const after = text.slice(offset, offset + 600);
  const end = after.search(/<\/figure\s*>/i);
  const scope = end < 0 ? '' : after.slice(0, end);
  const match = /<figcaption\b[^>]*>([\s\S]*?)<\/figcaption\s*>/i.exec(scope);
  if (!match) return undefined;
  const caption = match[1]!.replace(/<[^>]*>|\{[^}]*\}/g, ' ').replace(/\s+/g, ' ').trim();
  return caption || undefined;
}

/** The first sentence of the prose paragraph just before the reference (Markdown or HTML), at most 16 words. */
function nearbySentence(text: string, offset: number): string | undefined {
  const before = text.slice(Math.max(0, offset - 1500), offset);
  const paragraphs = before.split(/\n\s*\n/).reverse();
  for (const block of paragraphs.slice(0, 3)) {
    const prose = block
      .replace(/<[^>]*>?/g, ' ')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/^\s*#+\s.*$/gm, ' ')
      .replace(/[`*_{}]|\b\w+=("[^"]*"|'[^']*')/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    const wordsInProse = prose.split(' ').filter((w) => /\p{L}{2,}/u.test(w));
    if (wordsInProse.length < 4) continue;
    const sentence = prose.split(/(?<=[.!?])\s/)[0]!;
    return sentence.split(' ').slice(0, 16).join(' ').replace(/[.:;,]$/, '');
  }
  return undefined;
}
