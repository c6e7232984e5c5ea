// Which documents the placeholder lightbulb is offered in, kept free of the detectors so the activation entry can
// register its stand-in provider for exactly the same documents without loading them.

/** Web manifests open as JSON; only their own names are read. */
export const MANIFEST_SELECTORS: readonly { readonly language: string; readonly pattern: string }[] = ['json', 'jsonc'].flatMap((language) =>
  ['**/*.webmanifest', '**/manifest.json'].map((pattern) => ({ language, pattern })),
);

/** The document selector for the given placeholder languages (SUPPORTED_LANGUAGES) plus the web manifests. */
export function placeholderSelector(languages: readonly string[]): { language: string; pattern?: string }[] {
  return [...languages.map((language) => ({ language })), ...MANIFEST_SELECTORS];
}
