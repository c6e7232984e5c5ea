// Argument objects of the commands (keybindings, tasks, other extensions). Keys are checked strictly so a typo like
// `aspect_ratio` instead of `aspectRatio` is reported instead of silently ignored; values with their own rules (seed,
// size, prompt) are checked later with messages that say what to change.
import * as vscode from 'vscode';
import * as z from 'zod';
import { PrunaError } from '../../core';

/** A Uri, its JSON form ({scheme, path, ...}) or a string: https URL, file URI, absolute or workspace-relative path. */
const FileRef = z.union([
  z.custom<vscode.Uri>((v) => v instanceof vscode.Uri, { error: "must be a Uri" }),
  z.string().min(1),
  z.looseObject({ scheme: z.string(), path: z.string() }),
]);
export type FileRef = z.infer<typeof FileRef>;

const common = {
  prompt: z.string({ error: (iss) => (iss.input === undefined ? vscode.l10n.t('is required (the text to generate from)') : vscode.l10n.t('must be text')) }),
  seed: z.unknown().optional(),
  outputFolder: z.string().optional(),
  fileName: z.string().optional(),
  /** Show a cancellable progress notification until the file is saved. */
  wait: z.boolean().optional(),
};

export const GenerateImageArgs = z.strictObject({
  ...common,
  model: z.string().optional(),
  aspectRatio: z.string().optional(),
  width: z.unknown().optional(),
  height: z.unknown().optional(),
  disableSafetyChecker: z.boolean().optional(),
  promptUpsampling: z.boolean().optional(),
});
export type GenerateImageArgs = z.infer<typeof GenerateImageArgs>;

export const GenerateVariationsArgs = GenerateImageArgs.extend({ count: z.unknown() });
export type GenerateVariationsArgs = z.infer<typeof GenerateVariationsArgs>;

export const EditImageArgs = z.strictObject({
  ...common,
  images: z.array(FileRef, { error: (iss) => (iss.input === undefined ? vscode.l10n.t('is required (files or https URLs to edit)') : vscode.l10n.t('must be a list of files or https URLs')) }),
  aspectRatio: z.string().optional(),
  turbo: z.boolean().optional(),
  disableSafetyChecker: z.boolean().optional(),
});
export type EditImageArgs = z.infer<typeof EditImageArgs>;

export const GenerateVideoArgs = z.strictObject({
  ...common,
  model: z.string().optional(),
  image: FileRef.optional(),
  duration: z.unknown().optional(),
  resolution: z.string().optional(),
  aspectRatio: z.string().optional(),
  disableSafetyFilter: z.boolean().optional(),
});
export type GenerateVideoArgs = z.infer<typeof GenerateVideoArgs>;

/**
 * pruna.run: any model with its API input as the spec names it. File inputs take a Uri, a file URI, an absolute or
 * workspace-relative path (uploaded) or a public https URL, alone or in a list for list fields.
 */
export const RunArgs = z.strictObject({
  model: z.string({ error: (iss) => (iss.input === undefined ? vscode.l10n.t('is required (a model id such as "p-image-upscale")') : vscode.l10n.t('must be a model id')) }),
  input: z.record(z.string(), z.unknown(), { error: () => vscode.l10n.t('must be an object of the model\'s input fields') }).optional(),
  outputFolder: z.string().optional(),
  fileName: z.string().optional(),
  wait: z.boolean().optional(),
  /** A style of .pruna/styles.json: runs the model's -lora twin with its weights, scale and trigger word. */
  style: z.string().optional(),
});
export type RunArgs = z.infer<typeof RunArgs>;

export const SetApiKeyArgs = z.strictObject({ key: z.string({ error: (iss) => (iss.input === undefined ? vscode.l10n.t('is required') : vscode.l10n.t('must be text')) }) });

export const FileArgs = z.strictObject({ file: FileRef });

export const RegenerateArgs = z.strictObject({
  file: FileRef,
  prompt: z.string().optional(),
  /** "same" reuses the recorded seed; a number fixes one; default is a new random seed. */
  seed: z.unknown().optional(),
  wait: z.boolean().optional(),
});
export type RegenerateArgs = z.infer<typeof RegenerateArgs>;

/** Parses an argument object, or throws PrunaError('invalid-input') naming the command and the field. */
export function parseArgs<T extends z.ZodType>(command: string, schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  // An unknown key usually explains the missing one (a typo), so it is reported first.
  const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  let detail: string;
  if (issue?.code === 'unrecognized_keys') {
    detail = vscode.l10n.t('unknown argument {0} (see "Command arguments" in the README for the accepted names)', issue.keys.map((k) => `"${k}"`).join(', '));
  } else {
    const message = issue?.message ?? vscode.l10n.t('not an argument object');
    detail = !field ? message : /^(is|must) /.test(message) ? `"${field}" ${message}` : `"${field}": ${message}`;
  }
  throw new PrunaError('invalid-input', vscode.l10n.t('Invalid argument for {0}: {1}.', command, detail), {
    fields: issue?.code === 'unrecognized_keys' ? issue.keys : field ? [field] : [],
    hint: 'check-input',
  });
}

/** Turns a FileRef into the string form RunRequest.images takes (https URL or file URI). */
export function fileRefToString(ref: FileRef): string {
  if (ref instanceof vscode.Uri) return ref.toString();
  if (typeof ref !== 'string') return vscode.Uri.from({ scheme: ref.scheme, path: ref.path, ...pick(ref) }).toString();
  const text = ref.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[a-zA-Z]:[\\/]/.test(text)) return text;
  if (text.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(text)) return vscode.Uri.file(text).toString();
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new PrunaError('invalid-input', vscode.l10n.t('"{0}" is a relative path but no folder is open: give an absolute path or a file URI.', text), { fields: ['images'], hint: 'check-input' });
  }
  return vscode.Uri.joinPath(folder.uri, ...text.split(/[\\/]+/).filter(Boolean)).toString();
}

export function fileRefToUri(ref: FileRef): vscode.Uri {
  return vscode.Uri.parse(fileRefToString(ref));
}

function pick(ref: Record<string, unknown>) {
  return {
    ...(typeof ref.authority === 'string' ? { authority: ref.authority } : {}),
    ...(typeof ref.query === 'string' ? { query: ref.query } : {}),
    ...(typeof ref.fragment === 'string' ? { fragment: ref.fragment } : {}),
  };
}

/** Whether a command was called with an argument object (rather than from the palette or a menu). */
export function isArgumentObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri) && !Array.isArray(value);
}
