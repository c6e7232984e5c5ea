// The marker file's text and the `.pruna/.gitignore` line, kept free of 'vscode' so unit tests can read the rules.

export const MARKER_FOLDER = '.pruna';
export const MARKER_NAME = 'jobs-in-flight';

/** Why the file exists, the count, and that deleting it is safe. No prompts, paths or keys. */
export function markerText(count: number): string {
  return (
    'Pruna for VS Code keeps this file while jobs are unfinished so the extension starts when this folder opens and ' +
    `finishes them; it removes it when none remain (deleting it by hand is safe).\nunfinished jobs: ${count}\n`
  );
}

/** The `.pruna/.gitignore` content once it ignores the marker; undefined when it already does (nothing to write). */
export function gitignoreWithMarker(existing: string | undefined): string | undefined {
  if (existing === undefined) return `${MARKER_NAME}\n`;
  const lines = existing.split(/\r?\n/).map((line) => line.trim());
  if (lines.includes(MARKER_NAME) || lines.includes(`/${MARKER_NAME}`)) return undefined;
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const separator = existing === '' || existing.endsWith('\n') ? '' : eol;
  return `${existing}${separator}${MARKER_NAME}${eol}`;
}
