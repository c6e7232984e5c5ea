// Text the panel shows, computed in one place so labels and announcements agree. Pure: unit-tested in Node.
import type { JobState, ModelInfo } from '../shared/protocol';
import * as l10n from './l10n';

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

/** "4 s", "1 min 05 s", "1 h 02 min". */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 1) return l10n.t('under 1 s');
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** The run button says what will happen. */
export function runLabel(kind: ModelInfo['kind'], imageCount: number, count: number): string {
  switch (kind) {
    case 'video':
      return count > 1 ? l10n.t('Generate {0} videos', count) : l10n.t('Generate video');
    case 'edit': {
      const base = imageCount === 1 ? l10n.t('Edit 1 image') : l10n.t('Edit {0} images', imageCount);
      return count > 1 ? l10n.t('{0} ({1} variations)', base, count) : base;
    }
    case 'image':
      return count > 1 ? l10n.t('Generate {0} images', count) : l10n.t('Generate');
  }
}

/** A job state in the user's language (the same words as "Pruna: Show Jobs"). */
export function stateLabel(state: JobState): string {
  switch (state) {
    case 'queued': return l10n.t('Queued');
    case 'uploading': return l10n.t('Uploading');
    case 'sent': return l10n.t('Sent');
    case 'running': return l10n.t('Running');
    case 'downloading': return l10n.t('Downloading');
    case 'downloaded': return l10n.t('Saving');
    case 'saved': return l10n.t('Saved');
    case 'parked': return l10n.t('Parked');
    case 'failed': return l10n.t('Failed');
    case 'canceled': return l10n.t('Canceled');
  }
}

/** The same in the middle of a sentence ("p-image job: saved"). */
export function stateWord(state: JobState): string {
  switch (state) {
    case 'queued': return l10n.t('queued');
    case 'uploading': return l10n.t('uploading');
    case 'sent': return l10n.t('sent');
    case 'running': return l10n.t('running');
    case 'downloading': return l10n.t('downloading');
    case 'downloaded': return l10n.t('saving');
    case 'saved': return l10n.t('saved');
    case 'parked': return l10n.t('parked');
    case 'failed': return l10n.t('failed');
    case 'canceled': return l10n.t('canceled');
  }
}

export function isRunning(state: JobState): boolean {
  return state !== 'saved' && state !== 'failed' && state !== 'canceled' && state !== 'parked';
}

export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export function shorten(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
