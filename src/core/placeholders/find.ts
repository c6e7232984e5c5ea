// One entry point: every local-looking image reference in a document, by VS Code language id. Bounded: documents
// over MAX_SCAN_CHARS are skipped (and say so), a caller's `isCancelled` is polled while scanning, and every detector
// is linear in the text (test/unit/placeholders/adversarial.test.ts holds them to it).
import { findCssReferences } from './detect/css';
import { ScanCancelled, withCancellation } from './detect/guard';
import { findHtmlReferences } from './detect/html';
import { findMarkdownReferences } from './detect/markdown';
import { findManifestReferences } from './detect/manifest';
import { findTagReferences, type ElementDescription } from './detect/markup';
import { findModuleReferences, maskJsComments } from './detect/modules';
import { append, blankRanges } from './detect/text';
import { componentNames, htmlHeadings } from './headings';
import type { ImageReference } from './types';
import { withIcoSize } from './ico';

export const SUPPORTED_LANGUAGES: readonly string[] = [
  'markdown',
  'mdx',
  'html',
  'vue',
  'svelte',
  'astro',
  'javascriptreact',
  'typescriptreact',
  'javascript',
  'typescript',
  'css',
  'scss',
  'less',
];

/** Web app manifests open as JSON; they are read only under their own names. */
export const MANIFEST_LANGUAGE = 'webmanifest';
const MANIFEST_NAME = /(?:^|\/)(?:[^/]*\.webmanifest|manifest\.json)$/i;

/** Larger documents are generated or data, not pages: skipped whole, with a note (2 MB of text). */
export const MAX_SCAN_CHARS = 2_000_000;

export function isSupportedLanguage(languageId: string): boolean {
  return SUPPORTED_LANGUAGES.includes(languageId) || languageId === MANIFEST_LANGUAGE;
}

/** The detector language for a document: its language id, or `webmanifest` for a JSON manifest; else undefined. */
export function placeholderLanguage(languageId: string, path: string): string | undefined {
  if (SUPPORTED_LANGUAGES.includes(languageId) || languageId === MANIFEST_LANGUAGE) return languageId;
  if ((languageId === 'json' || languageId === 'jsonc') && MANIFEST_NAME.test(path)) return MANIFEST_LANGUAGE;
  return undefined;
}

export interface ScanOptions {
  /** Polled while scanning (a cancellation token, a deadline); when it returns true the scan stops. */
  readonly isCancelled?: () => boolean;
  /** Defaults to MAX_SCAN_CHARS. */
  readonly maxChars?: number;
}

export interface ScanResult {
  readonly references: ImageReference[];
  /** Why nothing was scanned: the document is over the cap, or the caller cancelled. */
  readonly skipped?: 'too-large' | 'cancelled';
}

export function scanDocument(text: string, languageId: string, options: ScanOptions = {}): ScanResult {
  if (text.length > (options.maxChars ?? MAX_SCAN_CHARS)) return { references: [], skipped: 'too-large' };
  try {
    return { references: withCancellation(options.isCancelled, () => detect(text, languageId).map(withIcoSize)) };
  } catch (e) {
    if (e instanceof ScanCancelled) return { references: [], skipped: 'cancelled' };
    throw e;
  }
}

export function findImageReferences(text: string, languageId: string, options: ScanOptions = {}): ImageReference[] {
  return scanDocument(text, languageId, options).references;
}

function detect(text: string, languageId: string): ImageReference[] {
  switch (languageId) {
    case 'markdown':
      return findMarkdownReferences(text);
    case 'mdx':
      return findMarkdownReferences(text, { flavor: 'jsx', modules: true });
    case 'html':
    case 'vue':
    case 'svelte':
      return findHtmlReferences(text, htmlHeadings(text));
    case 'astro':
      return findAstroReferences(text);
    case 'javascriptreact':
    case 'typescriptreact':
    case 'javascript':
      return findScriptReferences(text, true);
    case 'typescript':
      return findScriptReferences(text, false);
    case 'css':
    case 'scss':
    case 'less':
      return findCssReferences(text, 0, languageId);
    case MANIFEST_LANGUAGE:
      return findManifestReferences(text);
    default:
      return [];
  }
}

/** JS/TS modules: image imports, and (JSX) elements with a literal src. */
function findScriptReferences(text: string, jsx: boolean): ImageReference[] {
  const masked = maskJsComments(text);
  const landmarks = componentNames(masked);
  const uses = new Map<string, ElementDescription>();
  const tags = jsx ? findTagReferences(masked, { flavor: 'jsx', landmarks, identifierUses: uses }) : [];
  const references = [...describedByUse(findModuleReferences(masked, 0, landmarks), uses), ...tags];
  return references.sort((a, b) => a.range.start - b.range.start);
}

/**
 * `import hero from './hero.png'` used as `<Image src={hero} width={1200} height={630} alt="…" />`: the import takes
 * the element's size and alt (the import's `context` is its binding name).
 */
function describedByUse(imports: ImageReference[], uses: ReadonlyMap<string, ElementDescription>): ImageReference[] {
  if (uses.size === 0) return imports;
  return imports.map((reference) => {
    const use = reference.context === undefined ? undefined : uses.get(reference.context);
    if (!use) return reference;
    return { ...reference, ...use.hint, ...(use.sizeSource ? { sizeSource: use.sizeSource } : {}), ...(use.alt && !reference.alt ? { alt: use.alt } : {}) };
  });
}

/** `.astro`: a `---` frontmatter script (imports), then markup with JSX-like `{}` attributes, <style> and <script>. */
function findAstroReferences(text: string): ImageReference[] {
  const frontmatter = /^\s*---[ \t]*\r?\n/.exec(text.slice(0, 1000));
  let end = 0;
  const references: ImageReference[] = [];
  if (frontmatter) {
    const close = /\r?\n---[ \t]*(?:\r?\n|$)/g;
    close.lastIndex = frontmatter[0].length - 1;
    const match = close.exec(text);
    end = match ? match.index + match[0].length : text.length;
  }
  const markup = blankRanges(text, end > 0 ? [[0, end]] : []);
  const uses = new Map<string, ElementDescription>();
  append(references, findHtmlReferences(markup, htmlHeadings(markup), { flavor: 'jsx', identifierUses: uses }));
  if (end > 0) {
    const script = maskJsComments(text.slice(0, end));
    append(references, describedByUse(findModuleReferences(script, 0, componentNames(script)), uses));
  }
  return references.sort((a, b) => a.range.start - b.range.start);
}
