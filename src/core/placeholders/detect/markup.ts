// Image references in element attributes (HTML, Vue, Svelte, Astro, Markdown, JSX/TSX): <img src/srcset>,
// <source srcset>, lazy-loading `data-src`/`data-srcset`, <video poster>, <input type=image src>, <enhanced:img>,
// <link rel=icon|apple-touch-icon href sizes>, <meta property=og:image|twitter:image content>, and JSX components with
// a literal src (<Image>, <Picture>, <motion.img>...). Size hints come from width/height attributes or props, an inline
// style, Tailwind size utilities in class/className, the srcset descriptor or an `@2x` file name; a <source> inside
// <picture> borrows alt and size from the <img> that follows it. One pass over the tags: linear in the text.
import { nearestBefore, type Landmark } from '../headings';
import { decodeHtmlEntities } from '../path-text';
import { parsePixels } from '../size-values';
import type { ImageReference, ReferenceKind, ReferenceRole, SizeHint, SizeSource } from '../types';
import { cssSizeHint } from './css';
import { checkCancelled } from './guard';
import { classifyPath, MAX_PATH_LENGTH } from './reference-path';
import { firstSrcsetCandidate, type SrcsetCandidate } from './srcset';
import { tailwindSizeHint } from './tailwind';
import { findAttribute, literalValue, parseStartTag, type Attribute, type LiteralValue, type StartTag } from './tags';

export interface MarkupOptions {
  /** `jsx` also covers Astro markup: brace expressions and capitalised components. */
  readonly flavor: 'html' | 'jsx';
  readonly landmarks: readonly Landmark[];
  /**
   * Filled with what elements say about an imported image they use: `<Image src={hero} width={1200} />` ->
   * `hero` -> its size and alt (the first element that says something wins).
   */
  readonly identifierUses?: Map<string, ElementDescription>;
}

/** What an element says about the image it shows. */
export interface ElementDescription {
  readonly alt?: string;
  readonly hint: SizeHint;
  readonly sizeSource?: SizeSource;
}

/** Conventional sizes: social cards are 1200×630 (Open Graph's recommendation); Apple touch icons 180×180. */
const OG_SIZE = { width: 1200, height: 630 };
const APPLE_TOUCH_SIZE = { width: 180, height: 180 };

type Extra = { -readonly [K in keyof Omit<ImageReference, 'path' | 'rawPath' | 'range' | 'kind' | 'form'>]: ImageReference[K] };

export function findTagReferences(text: string, options: MarkupOptions): ImageReference[] {
  const pictureCloses = closingPictureOffsets(text);
  const references: ImageReference[] = [];
  const push = (reference: ImageReference | undefined) => {
    if (reference) references.push(reference);
  };
  const handle = (tag: StartTag, fallback: Described | undefined): void => {
    const name = tag.name.toLowerCase();
    const context = nearestBefore(options.landmarks, tag.start);
    const withContext = context ? { context } : {};
    if (name === 'link') return push(linkReference(text, tag, withContext));
    if (name === 'meta') return push(metaReference(text, tag, withContext));
    const kind: ReferenceKind = options.flavor === 'jsx' ? 'jsx' : 'img';
    if (name === 'video') {
      const described = describe(tag, options.flavor);
      return push(makeReference(text, literalValue(findAttribute(tag, 'poster')), kind, { role: 'poster', ...sized(described), ...withContext }));
    }
    if (name === 'input' && literalValue(findAttribute(tag, 'type'))?.text.trim().toLowerCase() !== 'image') return;
    const described = describe(tag, options.flavor);
    const isSource = name === 'source';
    const alt = described.alt ?? fallback?.alt;
    const own = hasSize(described.hint);
    const base: Described = own ? described : (fallback ?? described);
    // Built by assignment, not spreads of throw-away objects: one reference per <source> of a large gallery adds up.
    const common: Extra = {};
    if (alt) common.alt = alt;
    if (context) common.context = context;
    common.role = 'content';
    if (options.identifierUses && !isSource) noteIdentifierUse(tag, base, alt, options.identifierUses);
    if (!isSource) {
      const src = literalValue(findAttribute(tag, 'src')) ?? baseUrlValue(findAttribute(tag, 'src')) ?? literalValue(findAttribute(tag, ...LAZY_SRC));
      // `<enhanced:img src>` is an import the Vite plugin resolves against the component, like `import x from`.
      push(makeReference(text, src, kind, { ...sized(base), ...common }, true, name === 'enhanced:img' ? 'import' : 'markup'));
    }
    const srcset = literalValue(findAttribute(tag, 'srcset')) ?? literalValue(findAttribute(tag, ...LAZY_SRCSET));
    const candidate = srcset && firstSrcsetCandidate(srcset.text);
    if (srcset && candidate) {
      const literal = { text: candidate.url, start: srcset.start + candidate.offset };
      push(makeReference(text, literal, 'srcset', Object.assign(forDescriptor(base, candidate), common), candidate.densityDescriptor === undefined));
    }
  };
  // One tag at a time, nothing kept but the <source> tags waiting for the next tag that is not a <source> (the <img>
  // they borrow alt and size from): a page of 60 000 tags would otherwise keep every parsed tag alive to the end,
  // and the garbage collector's copying of them cost more than the scan (measured: 1 MB of <picture><source>,
  // ~60 % of the time in GC).
  let waiting: StartTag[] = [];
  const release = (following: StartTag | undefined): void => {
    let described: Described | undefined;
    let describedOnce = false;
    for (const source of waiting) {
      let fallback: Described | undefined;
      if (following && following.name.toLowerCase() === 'img' && !pictureClosedBetween(pictureCloses, source.end, following.start)) {
        if (!describedOnce) {
          described = describe(following, options.flavor);
          describedOnce = true;
        }
        fallback = described;
      }
      handle(source, fallback);
    }
    waiting = [];
  };
  forEachImageTag(text, options.flavor, (tag) => {
    if (tag.name.toLowerCase() === 'source') {
      waiting.push(tag);
      return;
    }
    if (waiting.length > 0) release(tag);
    handle(tag, undefined);
  });
  release(undefined);
  return references;
}

/** A path read from a `useBaseUrl('…')` call: below the site's base URL, so root-relative even without a `/`. */
type SourceValue = LiteralValue & { readonly siteRoot?: true };

/** SvelteKit's app.html: `%sveltekit.assets%` is the URL of the static folder (paths.assets, else the base). */
const SVELTEKIT_ASSETS = /^%sveltekit\.assets%\//;

/** Docusaurus: `src={useBaseUrl('img/a.png')}` serves `static/img/a.png` (the argument is relative to the base URL). */
function baseUrlValue(attribute: Attribute | undefined): SourceValue | undefined {
  const value = attribute?.value;
  if (value?.kind !== 'expression' || value.text.length > MAX_PATH_LENGTH + 40) return undefined;
  const match = /^(\s*useBaseUrl\(\s*)(['"])([^'"\\\n]+)\2\s*\)\s*$/.exec(value.text);
  return match ? { text: match[3]!, start: value.start + match[1]!.length + 1, siteRoot: true } : undefined;
}

/** Lazy-loading libraries keep the real URL in a data attribute (lazysizes, lozad, vanilla-lazyload...). */
const LAZY_SRC = ['data-src', 'data-lazy-src', 'data-original'];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset'];

function forEachImageTag(text: string, flavor: 'html' | 'jsx', visit: (tag: StartTag) => void): void {
  const opening = /<([A-Za-z][\w.:-]*)/g;
  let count = 0;
  for (let match = opening.exec(text); match; match = opening.exec(text)) {
    checkCancelled(count++);
    if (!isImageTagName(match[1]!, flavor)) continue;
    const tag = parseStartTag(text, match.index);
    if (!tag) continue;
    visit(tag);
    opening.lastIndex = Math.max(tag.end, match.index + 1);
  }
}

const HTML_TAGS = new Set(['img', 'source', 'video', 'input', 'link', 'meta', 'enhanced:img']);

/** Image components in Vue and Svelte templates: Nuxt Image, `<Image>`, `<Picture>`. */
const TEMPLATE_COMPONENTS = new Set(['nuxtimg', 'nuxt-img', 'nuxtpicture', 'nuxt-picture', 'image', 'picture']);

function isImageTagName(name: string, flavor: 'html' | 'jsx'): boolean {
  const lower = name.toLowerCase();
  if (HTML_TAGS.has(lower)) return flavor === 'html' || HTML_TAGS.has(name);
  if (flavor === 'html') return TEMPLATE_COMPONENTS.has(lower);
  // JSX and Astro: DOM elements are lower case; any component with a literal src (Image, Picture, motion.img) counts.
  return /^[A-Z]/.test(name) || name.endsWith('.img');
}

type Described = ElementDescription;

/** `src={hero}` or `src={hero.src}`: remembers the element's size and alt for the import named `hero`. */
function noteIdentifierUse(tag: StartTag, described: Described, alt: string | undefined, uses: Map<string, ElementDescription>): void {
  const value = findAttribute(tag, 'src')?.value;
  if (value?.kind !== 'expression') return;
  const name = /^\s*([A-Za-z_$][\w$]*)(?:\.src)?\s*$/.exec(value.text.slice(0, 200))?.[1];
  if (!name) return;
  const known = uses.get(name);
  if (known && (hasSize(known.hint) || known.alt)) return;
  uses.set(name, { ...(alt ? { alt } : {}), hint: described.hint, ...(described.sizeSource ? { sizeSource: described.sizeSource } : {}) });
}

function describe(tag: StartTag, flavor: 'html' | 'jsx'): Described {
  const altText = literalValue(findAttribute(tag, 'alt'))?.text;
  const alt = altText === undefined ? undefined : decodeHtmlEntities(altText.slice(0, 1000)).replace(/\s+/g, ' ').trim();
  const width = pixelsOf(literalValue(findAttribute(tag, 'width')));
  const height = pixelsOf(literalValue(findAttribute(tag, 'height')));
  const styleAttribute = findAttribute(tag, 'style');
  const style = flavor === 'html' && styleAttribute?.value?.kind !== 'expression' ? literalValue(styleAttribute) : undefined;
  const styled = style ? cssSizeHint(style.text) : undefined;
  const classes = literalValue(findAttribute(tag, 'class', 'className'));
  const tailwind = classes ? tailwindSizeHint(classes.text) : undefined;
  // The code's own numbers win: attributes, then the inline style, then utility classes (assigned in that order of
  // precedence, not spread: this runs for every image tag of a page).
  const hint: { -readonly [K in keyof SizeHint]: SizeHint[K] } = {};
  if (tailwind) Object.assign(hint, tailwind);
  if (styled) Object.assign(hint, styled);
  if (width !== undefined) hint.width = width;
  if (height !== undefined) hint.height = height;
  const sizeSource: SizeSource | undefined =
    width !== undefined || height !== undefined ? 'attribute' : styled && hasSize(styled) ? 'css' : tailwind && hasSize(tailwind) ? 'tailwind' : undefined;
  const described: { -readonly [K in keyof Described]: Described[K] } = alt ? { alt, hint } : { hint };
  if (sizeSource) described.sizeSource = sizeSource;
  return described;
}

function sized(described: Described): SizeHint & { sizeSource?: SizeSource } {
  return { ...described.hint, ...(described.sizeSource ? { sizeSource: described.sizeSource } : {}) };
}

function pixelsOf(literal: LiteralValue | undefined): number | undefined {
  return literal && literal.text.length < 40 ? parsePixels(literal.text) : undefined;
}

function hasSize(hint: SizeHint): boolean {
  return hint.width !== undefined || hint.height !== undefined || hint.aspectRatio !== undefined;
}

function closingPictureOffsets(text: string): number[] {
  const offsets: number[] = [];
  const pattern = /<\/picture\s*>/gi;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) offsets.push(match.index);
  return offsets;
}

/** Whether a `</picture>` lies between `from` and `to` (the <source> and the <img> are then in different pictures). */
function pictureClosedBetween(closes: readonly number[], from: number, to: number): boolean {
  let low = 0;
  let high = closes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (closes[middle]! < from) low = middle + 1;
    else high = middle;
  }
  return low < closes.length && closes[low]! < to;
}

/** `a.png 800w` is 800 px wide; `a@2x.png 2x` is twice the element's size. */
function forDescriptor(base: Described, candidate: SrcsetCandidate): SizeHint & { density?: number; sizeSource?: SizeSource } {
  const hint = base.hint;
  const ratio = hint.aspectRatio ?? (hint.width && hint.height ? hint.width / hint.height : undefined);
  if (candidate.widthDescriptor !== undefined) {
    const width = candidate.widthDescriptor;
    return {
      width,
      ...(ratio ? { height: Math.round(width / ratio) } : {}),
      ...(hint.aspectRatio ? { aspectRatio: hint.aspectRatio } : {}),
      sizeSource: 'descriptor',
    };
  }
  const density = candidate.densityDescriptor;
  if (density === undefined || density === 1) return sized(base);
  return { ...scaled(hint, density), density, ...(base.sizeSource ? { sizeSource: base.sizeSource } : {}) };
}

function scaled(hint: SizeHint, density: number): SizeHint {
  return {
    ...hint,
    ...(hint.width !== undefined ? { width: Math.round(hint.width * density) } : {}),
    ...(hint.height !== undefined ? { height: Math.round(hint.height * density) } : {}),
  };
}

/** `<link rel="icon" href="/favicon.png" sizes="32x32">`, `rel="apple-touch-icon"`, `rel="shortcut icon"`. */
function linkReference(text: string, tag: StartTag, extra: Extra): ImageReference | undefined {
  const rel = literalValue(findAttribute(tag, 'rel'))?.text.toLowerCase().slice(0, 100).split(/\s+/) ?? [];
  const role: ReferenceRole | undefined = rel.includes('apple-touch-icon') || rel.includes('apple-touch-icon-precomposed')
    ? 'apple-touch-icon'
    : rel.includes('icon') || rel.includes('mask-icon')
      ? 'icon'
      : undefined;
  if (!role) return undefined;
  const sizes = parseSizes(literalValue(findAttribute(tag, 'sizes'))?.text);
  const size = sizes
    ? { ...sizes, sizeSource: 'attribute' as const }
    : role === 'apple-touch-icon'
      ? { ...APPLE_TOUCH_SIZE, sizeSource: 'convention' as const }
      : { aspectRatio: 1, sizeSource: 'convention' as const };
  return makeReference(text, literalValue(findAttribute(tag, 'href')), 'img', { ...extra, role, ...size });
}

/** `<meta property="og:image" content="/og.png">` and `name="twitter:image"`: social cards, 1200×630 by convention. */
function metaReference(text: string, tag: StartTag, extra: Extra): ImageReference | undefined {
  const key = (literalValue(findAttribute(tag, 'property')) ?? literalValue(findAttribute(tag, 'name')))?.text.trim().toLowerCase();
  const role: ReferenceRole | undefined = key === 'og:image' || key === 'og:image:url' || key === 'og:image:secure_url'
    ? 'og-image'
    : key === 'twitter:image' || key === 'twitter:image:src'
      ? 'twitter-image'
      : undefined;
  if (!role) return undefined;
  return makeReference(text, literalValue(findAttribute(tag, 'content')), 'img', { ...extra, role, ...OG_SIZE, sizeSource: 'convention' });
}

/** `180x180`; of a list (`16x16 32x32 48x48`) the largest, which one file scales down from; `any` says nothing. */
export function parseSizes(value: string | undefined): { width: number; height: number } | undefined {
  let best: { width: number; height: number } | undefined;
  for (const token of (value ?? '').slice(0, 100).split(/\s+/)) {
    const match = /^(\d{1,5})[xX](\d{1,5})$/.exec(token);
    const size = match ? { width: Number(match[1]), height: Number(match[2]) } : undefined;
    if (size && size.width > 0 && size.height > 0 && (!best || size.width * size.height > best.width * best.height)) best = size;
  }
  return best;
}

/** `hero@2x.png`: drawn at twice the element's size. */
const DENSITY_NAME = /@(\d(?:\.\d+)?)x\.[a-z0-9]+$/i;

export function makeReference(text: string, literal: SourceValue | undefined, kind: ReferenceKind, extra: Extra, densityFromName = false, context: 'markup' | 'import' = 'markup'): ImageReference | undefined {
  if (!literal) return undefined;
  const lead = literal.text.length - literal.text.trimStart().length;
  const rawPath = literal.text.trim();
  const start = literal.start + lead;
  if (rawPath.length === 0 || text.slice(start, start + rawPath.length) !== rawPath) return undefined;
  const decoded = decodeHtmlEntities(rawPath);
  const sited = SVELTEKIT_ASSETS.test(decoded)
    ? decoded.replace(SVELTEKIT_ASSETS, '/')
    : literal.siteRoot && !/^(?:\/|[a-z][a-z0-9+.-]*:)/i.test(decoded) ? `/${decoded}` : decoded;
  const classified = classifyPath(sited, context);
  if (classified === undefined) return undefined;
  let sizedExtra = extra;
  const named = densityFromName && extra.density === undefined ? DENSITY_NAME.exec(classified.path) : null;
  const density = named ? Number(named[1]) : undefined;
  if (density !== undefined && density > 1 && density <= 4) sizedExtra = { ...extra, ...scaled(extra, density), density };
  const reference: ImageReference = { path: classified.path, rawPath, range: { start, end: start + rawPath.length }, kind, form: classified.form };
  return Object.assign(reference, sizedExtra);
}
