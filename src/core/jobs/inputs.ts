// Turns a JobRequest's `files` into API input: local paths are checked now (before any request) and uploaded later;
// public https URLs pass through; http:, data: and file: URLs are refused with the field named.
import * as l10n from '../l10n';
import { basename, isAbsolute } from 'node:path';
import { fileInputs, validateInput, type ModelSpec } from '../catalog';
import { unreadableImageFormat, unreadableImageMessage } from '../models/media';
import { PrunaError } from '../errors';
import type { PrunaClient } from '../client';

export type JobFiles = Record<string, string | string[]>;

export interface PendingUpload {
  field: string;
  path: string;
}

export interface PreparedInput {
  /** Input without the file fields (they are assembled from `sources` after uploading). */
  input: Record<string, unknown>;
  sources: JobFiles | undefined;
  uploads: PendingUpload[];
}

/** Stands in for a not-yet-uploaded file so the whole input can be validated before anything is sent. */
const PLACEHOLDER_URL = 'https://upload.pending.invalid/file';

function invalid(field: string, message: string): PrunaError {
  return new PrunaError('invalid-input', message, { fields: [field], hint: 'check-input' });
}

function classify(field: string, value: string): 'url' | 'local' {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'https') {
    try {
      new URL(value);
    } catch {
      throw invalid(field, l10n.t('{0}: "{1}" is not a valid URL.', field, value.slice(0, 80)));
    }
    return 'url';
  }
  // A Windows drive letter ("C:\...") looks like a scheme of one letter.
  if (scheme !== undefined && scheme.length > 1) {
    throw invalid(
      field,
      l10n.t('{0}: {1}: URLs are not accepted; use a local file (it is uploaded) or a public https URL.', field, scheme),
    );
  }
  if (!isAbsolute(value)) throw invalid(field, l10n.t('{0}: "{1}" must be an absolute file path or an https URL.', field, value));
  return 'local';
}

export async function prepareInput(
  model: ModelSpec,
  input: Record<string, unknown>,
  files: JobFiles | undefined,
  client: PrunaClient,
): Promise<PreparedInput> {
  const out: Record<string, unknown> = { ...input };
  const uploads: PendingUpload[] = [];
  const specs = fileInputs(model);
  for (const [field, raw] of Object.entries(files ?? {})) {
    const found = specs.find((s) => s.spec.field === field);
    if (!found) {
      const allowed = specs.map((s) => s.spec.field);
      throw invalid(
        field,
        allowed.length > 0
          ? l10n.t('{0}: {1} takes files only in {2}.', field, model.id, allowed.join(', '))
          : l10n.t('{0}: {1} takes no input files.', field, model.id),
      );
    }
    if (field in input) throw invalid(field, l10n.t('{0}: given both as input and as files; give it once.', field));
    const values = Array.isArray(raw) ? raw : [raw];
    if (!found.spec.multiple && values.length > 1) throw invalid(field, l10n.t('{0}: takes a single file.', field));
    const resolved: string[] = [];
    for (const value of values) {
      if (typeof value !== 'string' || value.trim() === '') throw invalid(field, l10n.t('{0}: an empty file reference was given.', field));
      if (classify(field, value) === 'url') {
        resolved.push(value);
        continue;
      }
      const checked = await client.checkFile(value);
      const unreadable = checked.category === 'image' ? unreadableImageFormat(checked.mime) : undefined;
      if (unreadable) throw new PrunaError('invalid-file', `${field}: ${unreadableImageMessage(basename(value), unreadable)}`, { fields: [field], hint: 'check-input' });
      if (!found.accepts.includes(checked.category)) {
        throw new PrunaError('invalid-file', l10n.t('{0}: the file is {1}, but this input takes {2}.', field, checked.mime, found.accepts.map((m) => (m === 'image' ? l10n.t('an image') : m === 'video' ? l10n.t('a video') : m === 'zip' ? l10n.t('a zip archive') : l10n.t('audio'))).join(l10n.t(' or '))), {
          fields: [field],
          hint: 'check-input',
        });
      }
      uploads.push({ field, path: value });
      resolved.push(PLACEHOLDER_URL);
    }
    out[field] = found.spec.multiple ? resolved : resolved[0];
  }
  // Validate with placeholders so a bad prompt or image count fails before any upload (without uploads the
  // client's own check before the POST is just as early).
  if (uploads.length > 0) validateInput(model.id, out);
  // File fields stay out of the input until every local file has its URL; `sources` keeps the user's order.
  for (const field of Object.keys(files ?? {})) delete out[field];
  return { input: out, sources: files && Object.keys(files).length > 0 ? { ...files } : undefined, uploads };
}

/** Whether a source value is uploaded (a local path) rather than passed through (an https URL). */
export function isLocalSource(value: string): boolean {
  return !/^https:/i.test(value);
}

/** Builds the final input: each file field from its sources, local paths replaced by their uploaded URL. */
export function assembleInput(
  input: Record<string, unknown>,
  sources: JobFiles | undefined,
  uploadedUrl: (path: string) => string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  for (const [field, value] of Object.entries(sources ?? {})) {
    const toUrl = (v: string): string => (isLocalSource(v) ? uploadedUrl(v) : v);
    out[field] = Array.isArray(value) ? value.map(toUrl) : toUrl(value);
  }
  return out;
}
