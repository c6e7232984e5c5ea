// The text inserted for a generated file, in the language of the document it goes into. Pure (no vscode) so each
// language's form is easy to read in one place.
import type { ImageSize } from './imageSize';

export type SnippetStyle = 'markdown' | 'html' | 'jsx' | 'css' | 'plain';

const STYLE_BY_LANGUAGE: Readonly<Record<string, SnippetStyle>> = {
  markdown: 'markdown',
  mdx: 'jsx',
  html: 'html',
  vue: 'html',
  'vue-html': 'html',
  svelte: 'html',
  astro: 'html',
  php: 'html',
  handlebars: 'html',
  razor: 'html',
  javascriptreact: 'jsx',
  typescriptreact: 'jsx',
  css: 'css',
  scss: 'css',
  sass: 'css',
  less: 'css',
  stylus: 'css',
  postcss: 'css',
};

const STYLE_BY_EXTENSION: Readonly<Record<string, SnippetStyle>> = {
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'jsx',
  html: 'html',
  htm: 'html',
  vue: 'html',
  svelte: 'html',
  astro: 'html',
  jsx: 'jsx',
  tsx: 'jsx',
  css: 'css',
  scss: 'css',
  sass: 'css',
  less: 'css',
  styl: 'css',
};

/**
 * By language id first; when VS Code has no language for the file (no Vue or Svelte extension installed, so the
 * document is "plaintext"), by its file extension.
 */
export function styleForLanguage(languageId: string, fileName?: string): SnippetStyle {
  const byLanguage = STYLE_BY_LANGUAGE[languageId];
  if (byLanguage) return byLanguage;
  const ext = fileName?.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  return (ext && STYLE_BY_EXTENSION[ext]) || 'plain';
}

export interface SnippetInput {
  readonly languageId: string;
  /** The document's file name, used when its language id says nothing (plaintext). */
  readonly documentName?: string;
  /** Path relative to the document (forward slashes), or an absolute path when no relative one makes sense. */
  readonly path: string;
  readonly alt: string;
  readonly size?: ImageSize;
  readonly isVideo?: boolean;
}

export function referenceSnippet(input: SnippetInput): string {
  const style = styleForLanguage(input.languageId, input.documentName);
  const url = encodeUrlPath(input.path);
  switch (style) {
    case 'markdown':
      return input.isVideo ? `[${markdownText(input.alt)}](${url})` : `![${markdownText(input.alt)}](${url})`;
    case 'html':
    case 'jsx': {
      const close = style === 'jsx' ? ' />' : '>';
      if (input.isVideo) {
        return `<video src="${attr(url)}"${sizeAttrs(input.size)} controls${style === 'jsx' ? ' />' : '></video>'}`;
      }
      return `<img src="${attr(url)}" alt="${attr(input.alt)}"${sizeAttrs(input.size)}${close}`;
    }
    case 'css':
      return `url("${url.replace(/["\\]/g, '\\$&')}")`;
    case 'plain':
      return input.path;
  }
}

function sizeAttrs(size: ImageSize | undefined): string {
  return size ? ` width="${size.width}" height="${size.height}"` : '';
}

/** Percent-encode what breaks a URL in markup (spaces, parentheses, quotes) but keep slashes and dots readable. */
function encodeUrlPath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%40/g, '@').replace(/[()']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function markdownText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/([\\[\]])/g, '\\$1');
}

/** Short, single-line alt text from a prompt: the first clause, at most `max` characters. */
export function altFromPrompt(prompt: string, max = 100): string {
  const line = prompt.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > 40 ? cut.slice(0, space) : cut}…`;
}
