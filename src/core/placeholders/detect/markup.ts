// <img src>, <img srcset>, <source srcset> (HTML, Vue, Svelte, Markdown) and JSX elements with a literal src
// (<img>, <Image>, <motion.img>...). Size hints come from width/height attributes or props, an inline style, or the
// srcset descriptor; a <source> inside <picture> borrows alt and size from the <img> that follows it.
import { nearestBefore, type Landmark } from '../headings';
import { decodeHtmlEntities } from '../path-text';
import { classifyPath } from './reference-path';
import { parsePixels } from '../size-values';
import type { ImageReference, ReferenceKind, SizeHint } from '../types';
import { cssSizeHint } from './css';
import { firstSrcsetCandidate } from './srcset';
import { findAttribute, literalValue, parseStartTag, type LiteralValue, type StartTag } from './tags';

export interface MarkupOptions {
  readonly flavor: 'html' | 'jsx';
  readonly landmarks: readonly Landmark[];
}

export function findTagReferences(text: string, options: MarkupOptions): ImageReference[] {
  const tags = imageTags(text, options.flavor);
  const references: ImageReference[] = [];
  tags.forEach((tag, index) => {
    const described = describe(tag, options.flavor);
    const isSource = tag.name.toLowerCase() === 'source';
    const fallback = isSource ? followingImg(text, tags, index, options.flavor) : undefined;
    const alt = described.alt ?? fallback?.alt;
    const hint = hasSize(described.hint) ? described.hint : (fallback?.hint ?? {});
    const context = nearestBefore(options.landmarks, tag.start);
    const common = { ...(alt ? { alt } : {}), ...(context ? { context } : {}) };
    if (!isSource) {
      const src = literalValue(findAttribute(tag, 'src'));
      const kind: ReferenceKind = options.flavor === 'jsx' ? 'jsx' : 'img';
      const reference = src && makeReference(text, src, kind, { ...hint, ...common });
      if (reference) references.push(reference);
    }
    const srcset = literalValue(findAttribute(tag, 'srcset'));
    const candidate = srcset && firstSrcsetCandidate(srcset.text);
    if (srcset && candidate) {
      const literal = { text: candidate.url, start: srcset.start + candidate.offset };
      const reference = makeReference(text, literal, 'srcset', { ...scaleForDescriptor(hint, candidate), ...common });
      if (reference) references.push(reference);
    }
  });
  return references;
}

function imageTags(text: string, flavor: 'html' | 'jsx'): StartTag[] {
  const tags: StartTag[] = [];
  const opening = /<([A-Za-z][\w.:-]*)/g;
  for (let match = opening.exec(text); match; match = opening.exec(text)) {
    if (!isImageTagName(match[1]!, flavor)) continue;
    const tag = parseStartTag(text, match.index);
    if (!tag) continue;
    tags.push(tag);
    opening.lastIndex = tag.end;
  }
  return tags;
}

function isImageTagName(name: string, flavor: 'html' | 'jsx'): boolean {
  if (flavor === 'html') return /^(img|source)$/i.test(name);
  // JSX: DOM elements are lower case; any component with a literal src (Image, Img, motion.img) counts too.
  return name === 'img' || name === 'source' || /^[A-Z]/.test(name) || /\.img$/.test(name);
}

interface Described {
  readonly alt?: string;
  readonly hint: SizeHint;
}

function describe(tag: StartTag, flavor: 'html' | 'jsx'): Described {
  const altText = literalValue(findAttribute(tag, 'alt'))?.text;
  const alt = altText === undefined ? undefined : decodeHtmlEntities(altText).replace(/\s+/g, ' ').trim();
  const width = pixelsOf(literalValue(findAttribute(tag, 'width')));
  const height = pixelsOf(literalValue(findAttribute(tag, 'height')));
  const styleAttribute = findAttribute(tag, 'style');
  const style = flavor === 'html' && styleAttribute?.value?.kind !== 'expression' ? literalValue(styleAttribute) : undefined;
  const styled = style ? cssSizeHint(style.text) : {};
  const hint: SizeHint = {
    ...styled,
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
  };
  return { ...(alt ? { alt } : {}), hint };
}

function pixelsOf(literal: LiteralValue | undefined): number | undefined {
  return literal ? parsePixels(literal.text) : undefined;
}

function hasSize(hint: SizeHint): boolean {
  return hint.width !== undefined || hint.height !== undefined || hint.aspectRatio !== undefined;
}

/** The <img> after a <source>, if it is still inside the same <picture>. */
function followingImg(text: string, tags: readonly StartTag[], index: number, flavor: 'html' | 'jsx'): Described | undefined {
  const next = tags.slice(index + 1).find((t) => t.name.toLowerCase() !== 'source');
  if (!next || next.name.toLowerCase() !== 'img') return undefined;
  if (/<\/picture\s*>/i.test(text.slice(tags[index]!.end, next.start))) return undefined;
  return describe(next, flavor);
}

/** `a.png 800w` is 800 px wide; `a@2x.png 2x` is twice the element's size. */
function scaleForDescriptor(hint: SizeHint, candidate: ReturnType<typeof firstSrcsetCandidate>): SizeHint {
  if (!candidate) return hint;
  const ratio = hint.aspectRatio ?? (hint.width && hint.height ? hint.width / hint.height : undefined);
  if (candidate.widthDescriptor !== undefined) {
    const width = candidate.widthDescriptor;
    return { width, ...(ratio ? { height: Math.round(width / ratio) } : {}), ...(hint.aspectRatio ? { aspectRatio: hint.aspectRatio } : {}) };
  }
  const density = candidate.densityDescriptor;
  if (density === undefined || density === 1) return hint;
  return {
    ...hint,
    ...(hint.width !== undefined ? { width: Math.round(hint.width * density) } : {}),
    ...(hint.height !== undefined ? { height: Math.round(hint.height * density) } : {}),
  };
}

function makeReference(
  text: string,
  literal: LiteralValue,
  kind: ReferenceKind,
  extra: Omit<ImageReference, 'path' | 'rawPath' | 'range' | 'kind' | 'form'>,
): ImageReference | undefined {
  const lead = literal.text.length - literal.text.trimStart().length;
  const rawPath = literal.text.trim();
  const start = literal.start + lead;
  if (text.slice(start, start + rawPath.length) !== rawPath) return undefined;
  const classified = classifyPath(decodeHtmlEntities(rawPath), 'markup');
  if (classified === undefined) return undefined;
  return { path: classified.path, rawPath, range: { start, end: start + rawPath.length }, kind, form: classified.form, ...extra };
}
