// HTML-like documents (HTML, Vue and Svelte single-file components, Astro markup, HTML inside Markdown): image
// references in the markup, url() in <style> blocks (lang="scss"/"less" honoured) and in style="" attributes, and
// image imports in <script> blocks. Comments, scripts, styles and <textarea> contents are not markup.
import { nearestBefore, type Landmark } from '../headings';
import type { ImageReference } from '../types';
import { findCssReferences, type CssDialect } from './css';
import { checkCancelled } from './guard';
import { append, blankRanges } from './text';
import { findTagReferences, type ElementDescription } from './markup';
import { findModuleReferences, maskJsComments } from './modules';

export interface HtmlOptions {
  /** Astro markup has JSX-like `{}` attributes and components. */
  readonly flavor?: 'html' | 'jsx';
  /** See MarkupOptions.identifierUses. */
  readonly identifierUses?: Map<string, ElementDescription>;
}

export function findHtmlReferences(text: string, landmarks: readonly Landmark[], options: HtmlOptions = {}): ImageReference[] {
  const { markup, styles, scripts } = splitBlocks(text);
  const references = findTagReferences(markup, {
    flavor: options.flavor ?? 'html',
    landmarks,
    ...(options.identifierUses ? { identifierUses: options.identifierUses } : {}),
  });
  for (const style of styles) append(references, findCssReferences(style.text, style.offset, style.dialect));
  const inlineStyle = /\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
  for (let match = inlineStyle.exec(markup); match; match = inlineStyle.exec(markup)) {
    checkCancelled(match.index);
    const value = match[1] ?? match[2]!;
    const offset = match.index + match[0].length - value.length - 1;
    const context = nearestBefore(landmarks, match.index);
    for (const reference of findCssReferences(value, offset, 'css')) {
      references.push(context && !reference.context ? { ...reference, context } : reference);
    }
  }
  for (const script of scripts) {
    append(references, findModuleReferences(maskJsComments(script.text), script.offset, landmarks));
  }
  return references.sort((a, b) => a.range.start - b.range.start);
}

interface Block {
  readonly text: string;
  readonly offset: number;
}

interface StyleBlock extends Block {
  readonly dialect: CssDialect;
}

const RAW_TEXT = /<(script|style|textarea)\b/iy;

/**
 * Blanks comments, scripts, styles and textareas out of the markup (offsets unchanged) and returns the style and
 * script bodies. Every search starts after the previous block and an unterminated one ends the scan: linear.
 */
function splitBlocks(text: string): { markup: string; styles: StyleBlock[]; scripts: Block[] } {
  const styles: StyleBlock[] = [];
  const scripts: Block[] = [];
  const ranges: [number, number][] = [];
  let i = text.indexOf('<');
  while (i >= 0 && i < text.length) {
    checkCancelled(ranges.length);
    if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      const end = close < 0 ? text.length : close + 3;
      ranges.push([i, end]);
      i = text.indexOf('<', end);
      continue;
    }
    RAW_TEXT.lastIndex = i;
    const open = RAW_TEXT.exec(text);
    if (!open) {
      i = text.indexOf('<', i + 1);
      continue;
    }
    const tag = open[1]!.toLowerCase();
    const tagEnd = text.indexOf('>', i);
    if (tagEnd < 0) {
      ranges.push([i, text.length]);
      break;
    }
    const closing = new RegExp(`</${tag}\\s*>`, 'gi');
    closing.lastIndex = tagEnd + 1;
    const close = closing.exec(text);
    const bodyEnd = close ? close.index : text.length;
    const end = close ? close.index + close[0].length : text.length;
    const body = { text: text.slice(tagEnd + 1, bodyEnd), offset: tagEnd + 1 };
    const attributes = text.slice(i + open[0].length, Math.min(tagEnd, i + 2000));
    if (tag === 'style') styles.push({ ...body, dialect: styleDialect(attributes) });
    else if (tag === 'script' && !/\btype\s*=\s*["']?(?:application\/(?:ld\+)?json|text\/(?:template|html))/i.test(attributes)) scripts.push(body);
    ranges.push([i, end]);
    i = text.indexOf('<', end);
  }
  return { markup: blankRanges(text, ranges), styles, scripts };
}

function styleDialect(attributes: string): CssDialect {
  const lang = /\blang\s*=\s*["']?(\w+)/i.exec(attributes)?.[1]?.toLowerCase();
  if (lang === 'scss' || lang === 'sass') return 'scss';
  if (lang === 'less') return 'less';
  return 'css';
}
