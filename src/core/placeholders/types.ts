// What the detectors report: one image a document refers to, with everything the code says about it. The detectors
// report every local-looking reference and say how it is written (`form`); where it points is decided in one place
// that knows the project (resolve.ts), never in a detector.
import * as z from 'zod';

/**
 * The construct that carries the reference:
 * - `markdown`: `![alt](path)` and reference-style images;
 * - `img`: an attribute of an HTML-like element (`<img src>`, `<video poster>`, `<link rel=icon href>`,
 *   `<meta property=og:image content>`, `data-src`...; `role` says which);
 * - `srcset`: the first candidate of a `srcset`;
 * - `css-url`: `url()` / `image-set()` in CSS, SCSS, Less, a `<style>` block or a `style` attribute;
 * - `jsx`: a JSX/TSX element's literal prop (`<Image src="/hero.png" width={1200} />`);
 * - `import`: an ES import, `import()`, `require()` or `new URL(…, import.meta.url)` of an image file (`form` says
 *   which);
 * - `manifest`: an entry of a web manifest's `icons[]`.
 */
export type ReferenceKind = 'markdown' | 'img' | 'srcset' | 'css-url' | 'jsx' | 'import' | 'manifest';

/**
 * How the path is written, which decides what it is relative to (resolution is resolve.ts's job):
 * - `relative`: `img/a.png`, `./a.png`, `../a.png` in markup, CSS, Markdown or a manifest: relative to the document
 *   (for CSS: to the stylesheet as written; SCSS partials are the resolver's problem);
 * - `root`: `/img/a.png`: relative to what the site serves as its root (`public/`, `static/`, `docs/public`...); in an
 *   import specifier (`kind: 'import'`), Vite reads it from the project root instead;
 * - `alias`: starts with a bundler or framework alias: `@/…`, `~/…`, `~name/…`, `$name/…` (`$lib`), `@name/…`
 *   (`@site/static`, also `@scope/pkg`), `#name/…`. The alias is the path up to its first `/` (`~` alone for `~name`
 *   webpack style); whether it is one is for the project model to say;
 * - `import` / `url-import` / `require`: a `./` or `../` specifier of `import … from` (also `import()` and Astro
 *   frontmatter), of `new URL(…, import.meta.url)`, of `require(…)`: relative to the module, like `relative`;
 * - `bare`: a module specifier with none of the above (`import x from 'images/x.png'`): a package, or a path under
 *   tsconfig `baseUrl`.
 * Remote URLs, `data:`/`blob:`, protocol-relative `//host/…` and interpolated paths are never reported.
 */
export type ReferenceForm = 'relative' | 'root' | 'alias' | 'import' | 'url-import' | 'require' | 'bare';

/** What the image is for, when the construct says so (favicons and social cards have conventional sizes). */
export type ReferenceRole = 'icon' | 'apple-touch-icon' | 'og-image' | 'twitter-image' | 'manifest-icon' | 'poster' | 'content';

/** Where width/height/aspectRatio came from. */
export type SizeSource = 'attribute' | 'tailwind' | 'css' | 'convention' | 'descriptor';

export interface TextRange {
  /** Offset of the first character of the path text in the document. */
  readonly start: number;
  /** Offset just after the path text. */
  readonly end: number;
}

/** Size hints the surrounding code gives (pixels; aspectRatio is width / height). */
export interface SizeHint {
  readonly width?: number;
  readonly height?: number;
  readonly aspectRatio?: number;
}

export interface ImageReference extends SizeHint {
  /**
   * The path as a file path: percent-decoded, without query or hash, as written otherwise (a `root` path keeps its
   * leading `/`, an `alias` path its alias: `@/assets/x.png`).
   */
  readonly path: string;
  /** The path exactly as written in the document (what `range` covers). */
  readonly rawPath: string;
  readonly range: TextRange;
  readonly kind: ReferenceKind;
  /**
   * How the path is written (see ReferenceForm). Always set by the detectors; optional only because references
   * serialized before it existed (code-action arguments) may lack it: use `referenceForm()` to read it.
   */
  readonly form?: ReferenceForm;
  readonly role?: ReferenceRole;
  /** Pixel density the reference asks for: `2x` descriptors, `@2x` file names. Width/height are already scaled. */
  readonly density?: number;
  /** Where the size hint came from (absent when there is none). */
  readonly sizeSource?: SizeSource;
  readonly alt?: string;
  /** Nearest heading, component name or CSS selector, as written. */
  readonly context?: string;
}

/** The same shape as a zod schema, for references that come back as command arguments (plain data). */
export const imageReferenceSchema = z.object({
  path: z.string().min(1),
  rawPath: z.string().min(1),
  range: z.object({ start: z.int().nonnegative(), end: z.int().nonnegative() }),
  kind: z.enum(['markdown', 'img', 'srcset', 'css-url', 'jsx', 'import', 'manifest']),
  form: z.enum(['relative', 'root', 'alias', 'import', 'url-import', 'require', 'bare']).optional(),
  role: z.enum(['icon', 'apple-touch-icon', 'og-image', 'twitter-image', 'manifest-icon', 'poster', 'content']).optional(),
  density: z.number().positive().optional(),
  sizeSource: z.enum(['attribute', 'tailwind', 'css', 'convention', 'descriptor']).optional(),
  alt: z.string().optional(),
  context: z.string().optional(),
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
  aspectRatio: z.number().positive().optional(),
});

/** The form of a reference; one that lacks it (older serialized data) is read from its path. */
export function referenceForm(reference: Pick<ImageReference, 'form' | 'path'>): ReferenceForm {
  if (reference.form) return reference.form;
  if (reference.path.startsWith('/')) return 'root';
  if (/^[@~$#]/.test(reference.path)) return 'alias';
  return 'relative';
}
