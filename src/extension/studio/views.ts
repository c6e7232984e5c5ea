// Maps the shell's objects (vscode.Uri, readonly views) to the plain JSON the panel receives.
import * as vscode from 'vscode';
import type { GalleryItem, Job } from '../../shared/protocol';
import type { JobView, SavedItem } from '../services';
import { isUnder } from './inputs';

const VIDEO_EXTENSIONS = new Set(['mp4', 'webm', 'mov', 'm4v']);

export function toJob(job: JobView): Job {
  return {
    id: job.id,
    model: job.model,
    kind: job.kind,
    prompt: job.prompt,
    state: job.state,
    startedAt: job.startedAt,
    ...(job.finishedAt !== undefined ? { finishedAt: job.finishedAt } : {}),
    ...(job.error !== undefined ? { error: job.error } : {}),
    ...(job.retryable !== undefined ? { retryable: job.retryable } : {}),
    ...(job.mayHaveBeenCreated !== undefined ? { mayHaveBeenCreated: job.mayHaveBeenCreated } : {}),
    ...(job.failedBy !== undefined ? { failedBy: job.failedBy } : {}),
    ...(job.resumable ? { resumable: true } : {}),
    ...(job.retrying !== undefined ? { retrying: job.retrying } : {}),
    ...(job.uploadProgress !== undefined ? { uploadProgress: job.uploadProgress } : {}),
    ...(job.uploadExpiresAt !== undefined ? { uploadExpiresAt: job.uploadExpiresAt } : {}),
    ...(job.seed !== undefined ? { seed: job.seed } : {}),
    outputs: job.outputs.map((uri) => ({ uri, name: baseName(uri) })),
  };
}

export function toGalleryItem(item: SavedItem, webview: vscode.Webview, roots: readonly vscode.Uri[]): GalleryItem {
  const ext = item.uri.path.split('.').pop()?.toLowerCase() ?? '';
  const { recipe } = item;
  return {
    uri: item.uri.toString(),
    name: baseName(item.uri.path),
    path: vscode.workspace.asRelativePath(item.uri, false),
    media: VIDEO_EXTENSIONS.has(ext) ? 'video' : 'image',
    ...(isUnder(item.uri, roots) ? { thumbnail: webview.asWebviewUri(item.uri).toString() } : {}),
    recipe: {
      model: recipe.model,
      prompt: recipe.prompt,
      ...(recipe.seed !== undefined ? { seed: recipe.seed } : {}),
      params: jsonSafe(recipe.input),
      ...(recipe.sources ? { sources: [...recipe.sources] } : {}),
      createdAt: recipe.createdAt,
    },
  };
}

function baseName(path: string): string {
  const clean = path.split(/[?#]/)[0] ?? path;
  return decodeURIComponent(clean.split('/').pop() ?? clean);
}

/** Recipes come from files on disk; keep only what survives JSON so postMessage never throws. */
function jsonSafe(input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(input ?? {})) as Record<string, unknown>;
  } catch {
    return {};
  }
}
