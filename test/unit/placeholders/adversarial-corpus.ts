// Inputs built to make a detector slow: the cases issue 10 measured, nesting and repetition bombs for every construct
// the detectors read, random bytes, and real files repeated to 1 MB. Shared by the fuzz suite and the benchmark.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface AdversarialCase {
  readonly name: string;
  readonly text: string;
  /** Languages to scan it as. */
  readonly languages: readonly string[];
  /** Budget in ms (issue 10: < 200 ms up to 1 MB, < 20 ms for the 129-byte bomb). */
  readonly budgetMs: number;
}

const MARKUP = ['html', 'vue', 'svelte', 'markdown', 'astro', 'mdx'];
const SCRIPT = ['javascript', 'javascriptreact', 'typescriptreact', 'typescript'];
const STYLE = ['css', 'scss', 'less'];
export const ALL_LANGUAGES = [...MARKUP, ...SCRIPT, ...STYLE];

const repeat = (piece: string, times: number) => piece.repeat(times);
/** Repeats `piece` up to about `bytes` characters. */
const fill = (piece: string, bytes = 1_000_000) => piece.repeat(Math.max(1, Math.floor(bytes / piece.length)));

/** Small deterministic generator (mulberry32) so a failure reproduces. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(seed: number, length: number): string {
  const next = random(seed);
  let text = '';
  const chunk: number[] = [];
  for (let i = 0; i < length; i++) {
    chunk.push(Math.floor(next() * 256));
    if (chunk.length === 4096) {
      text += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return text + String.fromCharCode(...chunk);
}

/** Random markup-ish tokens: the pieces every detector reacts to, in random order. */
function randomTokens(seed: number, length: number): string {
  const pieces = [
    '<img ', 'src=', 'srcset=', '"', "'", '{', '}', '(', ')', '[', ']', '![', '](', 'url(', '<source ', '<picture>', '</picture>',
    '<style>', '</style>', '<script>', '</script>', '<!--', '-->', '/*', '*/', '//', '\n', '    ', ' ', '>', '/>', 'a.png', '/b.jpg',
    '@/c.png', '`', '```', '# H', '<h1>', '</h1>', '.c {', '&', ',', ';', ':', 'width=', '1200', '${', '#{', '\\', 'import ',
    "from './x.png'", 'require(', 'new URL(', 'image-set(', '@font-face', 'class="w-64 h-32"', '<link rel="icon" href=',
    '<meta property="og:image" content=', '---\n', '<textarea>', '</textarea>',
  ];
  const next = random(seed);
  let text = '';
  while (text.length < length) text += pieces[Math.floor(next() * pieces.length)];
  return text;
}

/** Real files of a kind from node_modules (documentation, stylesheets, scripts), repeated to ~1 MB. */
function realFiles(root: string, extension: string, bytes = 1_000_000): string | undefined {
  const found: string[] = [];
  let total = 0;
  const visit = (dir: string, depth: number) => {
    if (total >= bytes || depth > 4) return;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const entry of entries) {
      if (total >= bytes) return;
      const path = join(dir, entry);
      let stat;
      try {
        stat = statSync(path);
      } catch {
        continue;
      }
      if (stat.isDirectory()) visit(path, depth + 1);
      else if (entry.endsWith(extension) && stat.size > 2000 && stat.size < 400_000) {
        const text = readFileSync(path, 'utf8');
        found.push(text);
        total += text.length;
      }
    }
  };
  visit(join(root, 'node_modules'), 0);
  if (found.length === 0) return undefined;
  let text = found.join('\n');
  while (text.length < bytes) text += `\n${text}`;
  return text.slice(0, bytes);
}

export function adversarialCorpus(root = process.cwd()): AdversarialCase[] {
  const cases: AdversarialCase[] = [
    // The issue's cases.
    { name: 'selector bomb a,b,c,d{ x12 (129 bytes)', text: `${repeat('a,b,c,d{', 12)}x:url(a.png)`, languages: [...STYLE], budgetMs: 20 },
    { name: 'selector bomb in <style>', text: `<style>${repeat('a,b,c,d{', 12)}</style>`, languages: MARKUP, budgetMs: 20 },
    { name: 'selector bomb a,b{ x24', text: repeat('a,b{', 24), languages: [...STYLE], budgetMs: 20 },
    { name: "'![' x80000", text: repeat('![', 80_000), languages: ['markdown', 'mdx'], budgetMs: 200 },
    { name: 'backtick run 200000', text: repeat('`', 200_000), languages: ['markdown', 'mdx'], budgetMs: 200 },
    { name: 'backtick runs of growing length', text: Array.from({ length: 1400 }, (_, i) => repeat('`', i + 1)).join('a'), languages: ['markdown', 'mdx'], budgetMs: 200 },
    { name: "'<script' x80000", text: repeat('<script', 80_000), languages: MARKUP, budgetMs: 200 },
    { name: '80000 <source> then <img>', text: `<picture>${repeat('<source>', 80_000)}<img src="b.png" width="10" height="10"></picture>`, languages: MARKUP, budgetMs: 200 },
    { name: "'<h1>' x80000", text: repeat('<h1>', 80_000), languages: MARKUP, budgetMs: 200 },
    // Generated nesting and repetition bombs.
    { name: 'selector bomb 1 MB', text: fill('a,b,c,d{'), languages: [...STYLE, 'html'], budgetMs: 200 },
    { name: 'nested & selectors', text: `${repeat('&,&,&{', 200)}x:url(a.png)`, languages: [...STYLE], budgetMs: 200 },
    { name: 'rules with urls 1 MB', text: fill('.a,.b{background:url(a.png);width:10px}\n'), languages: [...STYLE], budgetMs: 200 },
    { name: "'{' x1M", text: fill('{'), languages: ALL_LANGUAGES, budgetMs: 200 },
    { name: "'(' x1M", text: fill('('), languages: ALL_LANGUAGES, budgetMs: 200 },
    { name: "'[' x1M", text: fill('['), languages: ALL_LANGUAGES, budgetMs: 200 },
    { name: "'url(' x250k", text: fill('url('), languages: [...STYLE, 'html'], budgetMs: 200 },
    { name: "'url(\"' x200k", text: fill('url("'), languages: [...STYLE, 'html'], budgetMs: 200 },
    { name: "'image-set(' x100k", text: fill('image-set('), languages: [...STYLE], budgetMs: 200 },
    { name: "'/*' x500k", text: fill('/*'), languages: ALL_LANGUAGES, budgetMs: 200 },
    { name: "'x //' x200k on one line", text: fill('x //'), languages: [...SCRIPT, 'astro', 'vue'], budgetMs: 200 },
    { name: "'\"//' x330k", text: fill('"//'), languages: [...SCRIPT], budgetMs: 200 },
    { name: "'<!--' x250k", text: fill('<!--'), languages: MARKUP, budgetMs: 200 },
    { name: "'${' x500k", text: fill('${'), languages: ALL_LANGUAGES, budgetMs: 200 },
    { name: "'`${' x330k", text: fill('`${'), languages: ALL_LANGUAGES, budgetMs: 200 },
    { name: "'{\"' x500k", text: `<img src=${fill('{"')}`, languages: [...SCRIPT, 'svelte', 'astro'], budgetMs: 200 },
    { name: "'<img src=\"' x100k", text: fill('<img src="'), languages: ALL_LANGUAGES, budgetMs: 200 },
    { name: "'<img ' x200k", text: fill('<img '), languages: ALL_LANGUAGES, budgetMs: 200 },
    { name: "'<Image src={' x80k", text: fill('<Image src={'), languages: ALL_LANGUAGES, budgetMs: 200 },
    { name: "'![a](' x200k", text: fill('![a]('), languages: ['markdown', 'mdx'], budgetMs: 200 },
    { name: "'![a](<' x160k", text: fill('![a](<'), languages: ['markdown', 'mdx'], budgetMs: 200 },
    { name: "'[a]: ' lines", text: fill('[a\n'), languages: ['markdown', 'mdx'], budgetMs: 200 },
    { name: 'heading with trailing #s', text: `# a${fill(' #', 1_000_000)}b`, languages: ['markdown', 'mdx'], budgetMs: 200 },
    { name: "'[' in headings", text: fill('<h1>[[[[[[[[[[(((((((((</h1>'), languages: MARKUP, budgetMs: 200 },
    { name: 'deep list of <picture>', text: fill('<picture><source srcset="a.png 2x">'), languages: MARKUP, budgetMs: 200 },
    { name: 'indented lines', text: fill('\n    ![a](a.png)\n- b\n'), languages: ['markdown', 'mdx'], budgetMs: 200 },
    { name: 'fence openers', text: fill('```\n~~~\n'), languages: ['markdown', 'mdx'], budgetMs: 200 },
    { name: "'import ' x140k", text: fill('import '), languages: [...SCRIPT, 'astro', 'vue', 'svelte', 'mdx'], budgetMs: 200 },
    { name: "'require(' x120k", text: fill("require('"), languages: [...SCRIPT, 'vue'], budgetMs: 200 },
    { name: "'new URL(' x100k", text: fill("new URL('"), languages: [...SCRIPT, 'vue'], budgetMs: 200 },
    { name: 'quotes and slashes', text: fill(`"'\`/\\/`), languages: ALL_LANGUAGES, budgetMs: 200 },
    { name: 'class attribute 1 MB', text: `<img src="a.png" class="${fill('w-64 ')}">`, languages: ALL_LANGUAGES, budgetMs: 200 },
    { name: 'long path', text: `![a](${fill('a', 300_000)}.png) <img src="${fill('b', 300_000)}.png"> url(${fill('c', 300_000)}.png)`, languages: ALL_LANGUAGES, budgetMs: 200 },
    { name: 'frontmatter opener', text: `---\n${fill('import a from "./a.png"\n', 500_000)}`, languages: ['astro', 'mdx', 'markdown'], budgetMs: 200 },
    { name: 'textarea openers', text: fill('<textarea>'), languages: MARKUP, budgetMs: 200 },
    { name: 'manifest icons', text: `{"icons":[${fill('{"src":"a.png","sizes":"192x192"},', 900_000)}{}]}`, languages: ['json'], budgetMs: 200 },
    { name: 'random bytes 1 MB', text: randomBytes(1, 1_000_000), languages: ALL_LANGUAGES, budgetMs: 200 },
  ];
  for (let seed = 1; seed <= 3; seed++) {
    cases.push({ name: `random tokens 1 MB (seed ${seed})`, text: randomTokens(seed, 1_000_000), languages: ALL_LANGUAGES, budgetMs: 200 });
  }
  const real: [string, string, string[]][] = [
    ['Markdown', '.md', ['markdown', 'mdx']],
    ['CSS', '.css', [...STYLE]],
    ['JavaScript', '.js', [...SCRIPT]],
    ['TypeScript declarations', '.d.ts', ['typescript']],
    ['HTML', '.html', ['html', 'vue', 'svelte', 'astro']],
  ];
  for (const [label, extension, languages] of real) {
    const text = realFiles(root, extension);
    if (text) cases.push({ name: `real ${label} files, 1 MB`, text, languages, budgetMs: 200 });
  }
  return cases;
}

/** Real files for the throughput benchmark: the `real ...` cases. */
export function realCorpus(root = process.cwd()): AdversarialCase[] {
  return adversarialCorpus(root).filter((c) => c.name.startsWith('real '));
}
