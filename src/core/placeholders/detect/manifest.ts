// Web app manifests (`site.webmanifest`, `manifest.json`): every `icons[].src` (also `screenshots[]`) with its
// `sizes` ("192x192", the largest of a list). Read as text with bounded patterns, so offsets are exact and a huge or
// broken manifest costs linear time.
import type { ImageReference } from '../types';
import { checkCancelled } from './guard';
import { classifyPath, MAX_PATH_LENGTH } from './reference-path';

const SRC = new RegExp(`"src"\\s{0,20}:\\s{0,20}"((?:[^"\\\\\\n]|\\\\.){1,${MAX_PATH_LENGTH}})"`, 'g');
const SIZES = /"sizes"\s{0,20}:\s{0,20}"([^"\n]{1,200})"/;
/** An icon's object is small; its other keys are looked for this far around `src`. */
const OBJECT_WINDOW = 600;

export function findManifestReferences(text: string): ImageReference[] {
  const references: ImageReference[] = [];
  SRC.lastIndex = 0;
  let count = 0;
  for (let match = SRC.exec(text); match; match = SRC.exec(text)) {
    checkCancelled(count++);
    const rawPath = match[1]!;
    const start = match.index + match[0].length - 1 - rawPath.length;
    const classified = classifyPath(rawPath, 'markup');
    if (!classified) continue;
    const size = largestSize(enclosingObject(text, match.index, start + rawPath.length));
    references.push({
      path: classified.path,
      rawPath,
      range: { start, end: start + rawPath.length },
      kind: 'manifest',
      form: classified.form,
      role: 'manifest-icon',
      ...(size ? { ...size, sizeSource: 'attribute' as const } : {}),
    });
  }
  return references;
}

/** The text of the `{…}` around a key: back to the nearest `{`, on to the nearest `}`, within a bounded window. */
function enclosingObject(text: string, keyStart: number, valueEnd: number): string {
  const before = text.slice(Math.max(0, keyStart - OBJECT_WINDOW), keyStart);
  const after = text.slice(valueEnd, valueEnd + OBJECT_WINDOW);
  const open = before.lastIndexOf('{');
  const close = after.indexOf('}');
  return `${open < 0 ? '' : before.slice(open)}${close < 0 ? '' : after.slice(0, close)}`;
}

function largestSize(object: string): { width: number; height: number } | undefined {
  const sizes = SIZES.exec(object)?.[1];
  if (!sizes) return undefined;
  let best: { width: number; height: number } | undefined;
  for (const token of sizes.split(/\s+/)) {
    const match = /^(\d{1,5})[xX](\d{1,5})$/.exec(token);
    if (!match) continue;
    const size = { width: Number(match[1]), height: Number(match[2]) };
    if (size.width > 0 && size.height > 0 && (!best || size.width * size.height > best.width * best.height)) best = size;
  }
  return best;
}
