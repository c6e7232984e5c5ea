// The path written into a document for a file next to it: relative to the document's folder, forward slashes, so
// the reference keeps working when the project moves. Works on URI paths (always '/'-separated), not OS paths.
import { posix } from 'node:path';

/** `file` relative to the folder of `document` (both URI paths); the bare name when they are the same file. */
export function relativeReferencePath(documentPath: string, filePath: string): string {
  return posix.relative(posix.dirname(documentPath), filePath) || posix.basename(filePath);
}
