// One entry point: every local image reference in a document, by VS Code language id.
import { findCssReferences } from './detect/css';
import { findHtmlReferences } from './detect/html';
import { findMarkdownReferences } from './detect/markdown';
import { findTagReferences } from './detect/markup';
import { componentNames, htmlHeadings } from './headings';
import type { ImageReference } from './types';

export const SUPPORTED_LANGUAGES: readonly string[] = [
  'markdown',
  'html',
  'vue',
  'svelte',
  'javascriptreact',
  'typescriptreact',
  'javascript',
  'css',
  'scss',
  'less',
];

export function isSupportedLanguage(languageId: string): boolean {
  return SUPPORTED_LANGUAGES.includes(languageId);
}

export function findImageReferences(text: string, languageId: string): ImageReference[] {
  switch (languageId) {
    case 'markdown':
      return findMarkdownReferences(text);
    case 'html':
    case 'vue':
    case 'svelte':
      return findHtmlReferences(text, htmlHeadings(text));
    case 'javascriptreact':
    case 'typescriptreact':
    case 'javascript':
      return findJsxReferences(text);
    case 'css':
    case 'scss':
    case 'less':
      return findCssReferences(text, 0, languageId);
    default:
      return [];
  }
}

function findJsxReferences(text: string): ImageReference[] {
  const masked = maskJsComments(text);
  return findTagReferences(masked, { flavor: 'jsx', landmarks: componentNames(masked) });
}

/**
 * Blanks block comments and whole-line `//` comments. A full JS tokenizer would be needed for `//` after code, and
 * JSX text (apostrophes, URLs) defeats a naive one; an <img> in a trailing comment is rare enough to accept.
 */
function maskJsComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?(?:\*\/|(?![\s\S]))|^[ \t]*\/\/[^\n]*/gm, (comment) => comment.replace(/[^\n]/g, ' '));
}
