// Failures that belong to the editor side (where files go), next to the core's PrunaError for everything API-side.
// Both carry a user-facing message; commands called with an argument object reject with one of the two.
export type ShellErrorKind =
  /** pruna.outputFolder / outputFolder argument is absolute or climbs out of the workspace. */
  | 'output-folder'
  /** The target file system or folder cannot be written. */
  | 'read-only'
  /** Writing the result failed for another reason; the downloaded file is kept. */
  | 'save-failed'
  /** The user closed a dialog the command needed (save location, file picker). */
  | 'dismissed'
  /** Insert Reference with no text editor to insert into. */
  | 'no-editor'
  /** A file the command was pointed at does not exist or has no recipe. */
  | 'no-file'
  /** A write or read would really (through a symbolic link, or a name that means a path elsewhere) leave the workspace folder. */
  | 'outside-workspace';

export class ShellError extends Error {
  override readonly name = 'ShellError';
  constructor(
    readonly kind: ShellErrorKind,
    message: string,
    readonly details: { readonly keptAt?: string; readonly cause?: unknown } = {},
  ) {
    super(message);
  }
}

export function isShellError(e: unknown): e is ShellError {
  return e instanceof ShellError;
}
