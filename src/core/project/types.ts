// What the project model knows about the project a document belongs to: where it starts, which framework(s) build
// it, which folders the site serves at `/`, which import aliases exist, and what it could not read (and why).

export type FrameworkId =
  | 'next'
  | 'nuxt'
  | 'sveltekit'
  | 'astro'
  | 'docusaurus'
  | 'gatsby'
  | 'vitepress'
  | 'hugo'
  | 'mkdocs'
  | 'create-react-app'
  | 'vite';

export const FRAMEWORK_NAMES: Readonly<Record<FrameworkId, string>> = {
  next: 'Next.js',
  nuxt: 'Nuxt',
  sveltekit: 'SvelteKit',
  astro: 'Astro',
  docusaurus: 'Docusaurus',
  gatsby: 'Gatsby',
  vitepress: 'VitePress',
  hugo: 'Hugo',
  mkdocs: 'MkDocs',
  'create-react-app': 'Create React App',
  vite: 'Vite',
};

/** How a reference is written: the detectors' type (see placeholders/types.ts). */
export type { ReferenceForm } from '../placeholders/types';

/** A folder the site serves at `/` (a root-relative `/img/a.png` is `<path>/img/a.png`). */
export interface ServedFolder {
  readonly path: string;
  /** Why: "Next.js serves public/ at /". */
  readonly rule: string;
  /** The URL folder it is served at when not `/` (`/images/` for a Hugo mount with target static/images). */
  readonly at?: string;
}

/** `@/*` -> `src/*` (tsconfig), `@` -> `src` (Vite), `$lib` -> `src/lib` (SvelteKit): a prefix and its folder(s). */
export interface Alias {
  /** What the specifier starts with: `@/`, `$lib/`, `~/`; with `exact` the whole specifier (`$lib`). */
  readonly prefix: string;
  /** The text after the wildcard, for tsconfig patterns such as `*.png` (usually ''). */
  readonly suffix: string;
  readonly exact: boolean;
  /** URI paths the rest of the specifier is appended to, in the order they are tried. */
  readonly targets: readonly string[];
  readonly rule: string;
}

export interface Project {
  /** URI path of the project folder (no trailing slash). */
  readonly root: string;
  /** Every framework found, the one that decides first. Empty: a plain folder. */
  readonly frameworks: readonly FrameworkId[];
  /** Folders served at `/`, the first is where a new file goes; empty when nothing says what `/` is. */
  readonly served: readonly ServedFolder[];
  /** A base path the site is served under (`/docs/`), stripped from root-relative references that start with it. */
  readonly basePath?: string;
  readonly aliases: readonly Alias[];
  /** tsconfig `baseUrl`: bare specifiers resolve below it. */
  readonly baseUrl?: string;
  /** The bundler resolves `url()` in Sass/Less against the file that contains it. */
  readonly rebasesStylesheetUrls: boolean;
  /** Where a package.json `sass` script writes its CSS, when there is exactly one such folder. */
  readonly compiledCss?: { readonly folder: string; readonly rule: string };
  readonly mkdocs?: { readonly docsDir: string; readonly directoryUrls: boolean };
  readonly hugo?: { readonly contentDir: string };
  /** Vite's `root` (imports starting with `/` resolve below it). */
  readonly viteRoot?: string;
  /** What could not be read and what was used instead ("vite.config.ts: publicDir is computed in code; used public/"). */
  readonly notes: readonly string[];
  /** Site title and description (package.json description, mkdocs site_name, Docusaurus title…), for prompts. */
  readonly title?: string;
  readonly description?: string;
  /** Config files read, relative to the root (for "why" texts). */
  readonly configFiles: readonly string[];
}
