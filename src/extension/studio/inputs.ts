// Turns what the panel hands over (dropped URIs, paths, pasted URLs, picked files) into checked input images.
// The webview is untrusted: every value is resolved, stat'ed and sniffed here before it can become a run input.
import * as vscode from 'vscode';
import { open } from 'node:fs/promises';
import type { InputImage, RejectedInput } from '../../shared/protocol';
import { imageSize } from '../../core';
import { checkContainment } from '../fileSystem';
import { IMAGE_HEADER_BYTES, IMAGE_MIME, INPUT_IMAGE_EXTENSIONS, INPUT_IMAGE_TYPES, sniffImageType, type ImageType } from './imageInfo';

/** The P-API upload limit (413 FILE_TOO_LARGE above it). */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
/**
 * Files outside the panel's resource roots get an inline data: thumbnail up to this size instead of widening
 * localResourceRoots to their folder: the webview then never gains read access to a whole folder for one picture.
 */
const MAX_INLINE_THUMBNAIL_BYTES = 2 * 1024 * 1024;

export type InputResult = { ok: true; input: InputImage } | { ok: false; rejected: RejectedInput };

export interface InputContext {
  readonly webview: vscode.Webview;
  /** Roots the webview may load from directly (thumbnails are then resource URIs, not data URLs). */
  readonly roots: () => readonly vscode.Uri[];
}

/** Resolves a dropped or restored value: a URI string (file:, vscode-remote:, ...) or an absolute path. */
export function toUri(value: string): vscode.Uri | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  if (trimmed.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(trimmed)) return vscode.Uri.file(trimmed);
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(trimmed, true);
  } catch {
    return undefined;
  }
  // A browser-based workbench (code-server, Codespaces) drags workspace files as vscode-remote:// URIs, while this
  // remote extension host sees the same files as file: URIs.
  if (uri.scheme === 'vscode-remote' && vscode.env.remoteName) return vscode.Uri.file(uri.path);
  return uri;
}

export async function describeValue(value: string, ctx: InputContext): Promise<InputResult> {
  const shown = value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (/^https?:\/\//i.test(value.trim())) return describeUrl(value.trim());
  const uri = toUri(value);
  if (!uri) return reject(shown, vscode.l10n.t('This is neither a file nor an https URL.'));
  return describeFile(uri, ctx, shown);
}

export function describeUrl(value: string): InputResult {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return reject(value, vscode.l10n.t('This is not a valid URL. Paste a public https:// link to an image.'));
  }
  if (url.protocol !== 'https:') return reject(value, vscode.l10n.t('Only https:// URLs can be used: the API fetches the image itself.'));
  if (url.username || url.password) return reject(value, vscode.l10n.t('URLs with a user name or password cannot be used.'));
  const name = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? url.hostname);
  return { ok: true, input: { source: url.toString(), name, remote: true } };
}

export async function describeFile(uri: vscode.Uri, ctx: InputContext, shown = uri.toString()): Promise<InputResult> {
  const ext = uri.path.split('.').pop()?.toLowerCase() ?? '';
  if (!(INPUT_IMAGE_EXTENSIONS as readonly string[]).includes(ext)) {
    return reject(shown, vscode.l10n.t('Only {0} images can be used as inputs.', INPUT_IMAGE_EXTENSIONS.join(', ')));
  }
  const refused = await refusedRead(uri);
  if (refused) return reject(shown, refused);
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    return reject(shown, vscode.l10n.t('The file was not found or cannot be read.'));
  }
  if (stat.type & vscode.FileType.Directory) return reject(shown, vscode.l10n.t('This is a folder, not an image.'));
  if (stat.size > MAX_UPLOAD_BYTES) return reject(shown, vscode.l10n.t('The file is larger than 100 MB, the upload limit of the API.'));

  const head = await readHead(uri, stat.size <= MAX_INLINE_THUMBNAIL_BYTES ? stat.size : IMAGE_HEADER_BYTES);
  const type = head && sniffImageType(head);
  if (!head || !type || !INPUT_IMAGE_TYPES.includes(type)) {
    return reject(shown, vscode.l10n.t('The file does not contain a PNG, JPEG or WebP image.'));
  }
  const size = imageSize(head);

  const name = uri.path.split('/').pop() ?? uri.path;
  const input: InputImage = { source: uri.toString(), name, size: stat.size, remote: false };
  const thumbnail = thumbnailFor(uri, ctx, head, type, stat.size);
  return {
    ok: true,
    input: {
      ...input,
      ...(size && size.width > 0 && size.height > 0 ? { width: size.width, height: size.height } : {}),
      ...(thumbnail ? { thumbnail } : {}),
    },
  };
}

export function isUnder(uri: vscode.Uri, roots: readonly vscode.Uri[]): boolean {
  const target = uri.toString();
  return roots.some((root) => {
    const base = root.toString().replace(/\/$/, '');
    return target.startsWith(`${base}/`);
  });
}

function thumbnailFor(uri: vscode.Uri, ctx: InputContext, head: Uint8Array, type: ImageType, size: number): string | undefined {
  if (isUnder(uri, ctx.roots())) return ctx.webview.asWebviewUri(uri).toString();
  if (size > MAX_INLINE_THUMBNAIL_BYTES || head.byteLength < size) return undefined;
  return `data:${IMAGE_MIME[type]};base64,${Buffer.from(head).toString('base64')}`;
}

async function readHead(uri: vscode.Uri, bytes: number): Promise<Uint8Array | undefined> {
  try {
    if (uri.scheme === 'file') {
      const handle = await open(uri.fsPath, 'r');
      try {
        const buffer = Buffer.alloc(bytes);
        const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    }
    const all = await vscode.workspace.fs.readFile(uri);
    return all.subarray(0, bytes);
  } catch {
    return undefined;
  }
}

/**
 * Why a file may not be read for a preview, or undefined: the same real-path rule as uploads (assertReadableInput). A
 * file in a workspace folder must really be there, so a link in a cloned repository cannot show (or later upload) a
 * file from elsewhere; a file outside every folder was named by the user and is read as given.
 */
export async function refusedRead(uri: vscode.Uri): Promise<string | undefined> {
  const verdict = await checkContainment(uri, { purpose: 'read', outsideFolders: 'allow' });
  if (verdict.ok) return undefined;
  return vscode.l10n.t('Not read: {0} Inputs inside the workspace must really be there: a symbolic link that leads out of the folder is refused.', verdict.message);
}

function reject(value: string, reason: string): InputResult {
  return { ok: false, rejected: { value, reason } };
}
