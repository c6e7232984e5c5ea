// HTML-like documents (HTML, Vue and Svelte single-file components, HTML inside Markdown): image tags in the markup,
// url() in <style> blocks (lang="scss"/"less" honoured) and in style="" attributes. Script blocks are not markup.
import { nearestBefore, type Landmark } from '../headings';
import type { ImageReference } from '../types';
import { findCssReferences, type CssDialect } from './css';
import { findTagReferences } from './markup';

export function findHtmlReferences(text: string, landmarks: readonly Landmark[]): ImageReference[] {
  const { markup, styles } = splitBlocks(text);
  const references = findTagReferences(markup, { flavor: 'html', landmarks });
  for (const style of styles) references.push(...findCssReferences(style.text, style.offset, style.dialect));
  const inlineStyle = /\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
  for (let match = inlineStyle.exec(markup); match; match = inlineStyle.exec(markup)) {
    const value = match[1] ?? match[2]!;
    const offset = match.index + match[0].length - value.length - 1;
    const context = nearestBefore(landmarks, match.index);
    for (const reference of findCssReferences(value, offset, 'css')) {
      references.push(context && !reference.context ? { ...reference, context } : reference);
    }
  }
  return references.sort((a, b) => a.range.start - b.range.start);
}

interface StyleBlock {
  readonly text: string;
  readonly offset: number;
  readonly dialect: CssDialect;
}

/** Blanks comments, scripts and styles out of the markup (offsets unchanged) and returns the style blocks. */
function splitBlocks(text: string): { markup: string; styles: StyleBlock[] } {
  const styles: StyleBlock[] = [];
  const pattern = /<!--[\s\S]*?(?:-->|$)|<(script|style)\b([^>]*)>([\s\S]*?)(?:<\/\1\s*>|$)/gi;
  const markup = text.replace(pattern, (whole: string, tag: string | undefined, attributes: string | undefined, body: string | undefined, index: number) => {
    if (tag?.toLowerCase() === 'style' && body !== undefined) {
      const bodyOffset = index + whole.indexOf('>') + 1;
      styles.push({ text: body, offset: bodyOffset, dialect: styleDialect(attributes ?? '') });
    }
    return whole.replace(/[^\n]/g, ' ');
  });
  return { markup, styles };
}

function styleDialect(attributes: string): CssDialect {
  const lang = /\blang\s*=\s*["']?(\w+)/i.exec(attributes)?.[1]?.toLowerCase();
  if (lang === 'scss' || lang === 'sass') return 'scss';
  if (lang === 'less') return 'less';
  return 'css';
}
