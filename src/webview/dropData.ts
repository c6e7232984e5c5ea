// What a drop onto the panel carries, read from the DataTransfer. Pure apart from the DataTransfer interface, so the
// parsing is unit-tested in Node.

/** Drag types VS Code and browsers use for files; read in order of how much they carry. */
const URI_LIST_TYPES = ['application/vnd.code.uri-list', 'text/uri-list'];

export function droppedUris(data: DataTransfer): string[] {
  for (const type of URI_LIST_TYPES) {
    const text = data.getData(type);
    if (text) return parseUriList(text);
  }
  const text = data.getData('text/plain').trim();
  if (/^https:\/\/\S+$/i.test(text)) return [text];
  return [];
}

/** RFC 2483: one URI per line, '#' lines are comments. */
export function parseUriList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}
