// Finds the nearest "what is this about" text before a position: a Markdown or HTML heading, or a component name.

import { decodeHtmlEntities } from './path-text';

export interface Landmark {
  readonly offset: number;
  readonly text: string;
}

/** Landmarks sorted by offset; returns the last one at or before `offset` (binary search: one call per reference). */
export function nearestBefore(landmarks: readonly Landmark[], offset: number): string | undefined {
  let low = 0;
  let high = landmarks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (landmarks[middle]!.offset <= offset) low = middle + 1;
    else high = middle;
  }
  return low > 0 ? landmarks[low - 1]!.text : undefined;
}

export function markdownHeadings(text: string): Landmark[] {
  const result: Landmark[] = [];
  const atx = /^ {0,3}#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/gm;
  for (let match = atx.exec(text); match; match = atx.exec(text)) {
    const heading = cleanInlineText(match[1]!);
    if (heading) result.push({ offset: match.index, text: heading });
  }
  return result;
}

export function htmlHeadings(text: string): Landmark[] {
  const result: Landmark[] = [];
  const pattern = /<(h[1-6]|title)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const heading = cleanInlineText(decodeHtmlEntities(match[2]!.replace(/<[^>]*>/g, ' ').replace(/\{[^}]*\}/g, ' ')));
    if (heading) result.push({ offset: match.index, text: heading });
  }
  return result;
}

/** `function HeroSection`, `const HeroSection =`, `class HeroSection`: React components start with a capital. */
export function componentNames(text: string): Landmark[] {
  const result: Landmark[] = [];
  const pattern = /\b(?:function\s*\*?\s*|class\s+|(?:const|let|var)\s+)([A-Z][A-Za-z0-9_$]*)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    result.push({ offset: match.index, text: match[1]! });
  }
  return result;
}

function cleanInlineText(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
