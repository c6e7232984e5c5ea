// Markdown images: inline `![alt](path "title")`, `![alt](<path with spaces>)`, reference style
// `![alt][label]` / `![label]` with `[label]: path`, and HTML <img> in the Markdown. Code blocks and code spans are
// examples, not references, so they are skipped. Markdown says nothing about size.
import { htmlHeadings, markdownHeadings, nearestBefore, type Landmark } from '../headings';
import { classifyPath } from './reference-path';
import type { ImageReference } from '../types';
import { findHtmlReferences } from './html';

export function findMarkdownReferences(text: string): ImageReference[] {
  const masked = maskCode(text);
  const landmarks: Landmark[] = [...markdownHeadings(masked), ...htmlHeadings(masked)].sort((a, b) => a.offset - b.offset);
  const references: ImageReference[] = [];
  const push = (alt: string, raw: string, start: number, at: number) => {
    const classified = classifyPath(unescapeMarkdown(raw), 'markup');
    if (classified === undefined) return;
    const context = nearestBefore(landmarks, at);
    const cleanAlt = unescapeMarkdown(alt).replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
    references.push({
      path: classified.path,
      rawPath: raw,
      range: { start, end: start + raw.length },
      kind: 'markdown',
      form: classified.form,
      ...(cleanAlt ? { alt: cleanAlt } : {}),
      ...(context ? { context } : {}),
    });
  };

  const inline = /!\[((?:\\.|[^\]\\])*)\]\(\s*(?:<([^>\n]*)>|((?:\\.|\([^()\s]*\)|[^()\s\\])+))/g;
  for (let match = inline.exec(masked); match; match = inline.exec(masked)) {
    const raw = match[2] ?? match[3]!;
    const start = match.index + match[0].length - raw.length - (match[2] !== undefined ? 1 : 0);
    push(match[1]!, raw, start, match.index);
  }

  const definitions = referenceDefinitions(masked);
  const byLabel = /!\[((?:\\.|[^\]\\])*)\](?:\[((?:\\.|[^\]\\])*)\])?(?!\()/g;
  for (let match = byLabel.exec(masked); match; match = byLabel.exec(masked)) {
    const label = normalizeLabel(match[2] || match[1]!);
    const definition = definitions.get(label);
    if (definition) push(match[1]!, definition.raw, definition.start, match.index);
  }

  references.push(...findHtmlReferences(masked, landmarks));
  return references.sort((a, b) => a.range.start - b.range.start);
}

function referenceDefinitions(text: string): Map<string, { raw: string; start: number }> {
  const definitions = new Map<string, { raw: string; start: number }>();
  const pattern = /^ {0,3}\[((?:\\.|[^\]\\])+)\]:[ \t]*(?:<([^>\n]*)>|(\S+))/gm;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const raw = match[2] ?? match[3]!;
    const start = match.index + match[0].length - raw.length - (match[2] !== undefined ? 1 : 0);
    const label = normalizeLabel(match[1]!);
    // The first definition of a label wins (CommonMark).
    if (!definitions.has(label)) definitions.set(label, { raw, start });
  }
  return definitions;
}

function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Blanks fenced code blocks, inline code spans and HTML comments (hidden, not rendered), keeping offsets. */
function maskCode(text: string): string {
  const fences = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm;
  const withoutFences = text.replace(fences, blank);
  const withoutSpans = withoutFences.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, blank);
  return withoutSpans.replace(/<!--[\s\S]*?(?:-->|(?![\s\S]))/g, blank);
}

function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}
