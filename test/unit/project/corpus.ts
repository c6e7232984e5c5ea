// Loads the real-world corpus (test/fixtures/realworld/<name>/): the project's text files, the images that exist in
// its repository (served as present) and the ones deleted for the test, which the dry run must find.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isSupportedLanguage, type PlanDocument } from '../../../src/core/placeholders';
import { memoryReader, type ProjectReader } from '../../../src/core/project';

export const WORKSPACE = '/ws';

export interface CorpusProject {
  readonly name: string;
  readonly documents: PlanDocument[];
  readonly reader: ProjectReader;
  readonly deleted: { target: string; width?: number; height?: number }[];
  readonly existing: string[];
  readonly bytes: number;
}

const LANGUAGES: Readonly<Record<string, string>> = {
  md: 'markdown', mdx: 'mdx', html: 'html', vue: 'vue', svelte: 'svelte', astro: 'astro', jsx: 'javascriptreact', tsx: 'typescriptreact', js: 'javascript', css: 'css', scss: 'scss', less: 'less',
};

/** A language id the detectors read: `.astro`/`.mdx` fall back to html/markdown until they are supported. */
function languageOf(file: string): string | undefined {
  const id = LANGUAGES[file.slice(file.lastIndexOf('.') + 1).toLowerCase()];
  if (!id) return undefined;
  if (isSupportedLanguage(id)) return id;
  return id === 'astro' ? 'html' : id === 'mdx' ? 'markdown' : undefined;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

export function corpusRoot(): string {
  // Bundled tests run from out/test/...; the fixtures stay in the source tree.
  for (let dir = __dirname; dir !== '/'; dir = join(dir, '..')) {
    try {
      if (statSync(join(dir, 'test', 'fixtures', 'realworld')).isDirectory()) return join(dir, 'test', 'fixtures', 'realworld');
    } catch {
      // keep looking upwards
    }
  }
  throw new Error('test/fixtures/realworld not found');
}

export function loadCorpus(): CorpusProject[] {
  const root = corpusRoot();
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort()
    .map((name) => {
      const base = `${WORKSPACE}/${name}`;
      const filesDir = join(root, name, 'files');
      const files: Record<string, string> = {};
      const documents: PlanDocument[] = [];
      let bytes = 0;
      for (const file of walk(filesDir)) {
        const path = `${base}/${relative(filesDir, file).split('\\').join('/')}`;
        const text = readFileSync(file, 'utf8');
        files[path] = text;
        const languageId = languageOf(path);
        if (languageId) {
          documents.push({ path, text, languageId });
          bytes += Buffer.byteLength(text);
        }
      }
      const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as { existing: string[]; deleted: { target: string; width?: number; height?: number }[] };
      const existing = expected.existing.map((p) => `${base}/${p}`);
      return {
        name,
        documents,
        reader: memoryReader(files, existing),
        deleted: expected.deleted.map((d) => ({ ...d, target: `${base}/${d.target}` })),
        existing,
        bytes,
      };
    });
}
