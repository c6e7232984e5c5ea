// `.ico` favicons: what size one gets when the code says none, and how the file is made. The saved file is one PNG
// inside an ICO container (src/core/imaging/ico.ts): every browser and Windows since Vista read it, and it is the only
// ICO this extension writes. The plan says so, and says it when a name asks for a format that cannot be made.
import { planForExtension, type TargetFormat } from '../imaging/formats';
import type { ImageReference } from './types';

/**
 * 48×48 when neither `sizes` nor the element says a size: an ICO made here holds one picture, and 48 px is the
 * largest size of the classic favicon.ico set (16, 32, 48), the one Windows shows for a pinned site. Browsers scale it
 * down to their 16 and 32 px tab icons cleanly (÷3, ÷1.5); a 32 px file would have to be enlarged for the 48 px uses.
 */
export const ICO_DEFAULT_SIZE = { width: 48, height: 48 } as const;

export function isIcoPath(path: string): boolean {
  return /\.ico$/i.test(path.replace(/[?#].*$/s, ''));
}

/** A reference to an `.ico` with no width and height gets the favicon convention (its aspect ratio, if any, is 1). */
export function withIcoSize(reference: ImageReference): ImageReference {
  if (!isIcoPath(reference.path) || (reference.width !== undefined && reference.height !== undefined)) return reference;
  const { aspectRatio: _ratio, ...rest } = reference;
  return { ...rest, ...ICO_DEFAULT_SIZE, sizeSource: 'convention', role: reference.role ?? 'icon' };
}

/** What the plan says about the file's format, when it is not simply encoded as its extension says. */
export interface FileFormat {
  readonly kind: 'make' | 'cannot';
  readonly format?: TargetFormat;
  readonly note: string;
}

export function fileFormatOf(target: string): FileFormat | undefined {
  const dot = target.lastIndexOf('.');
  const plan = dot > target.lastIndexOf('/') ? planForExtension(target.slice(dot)) : undefined;
  if (!plan) return undefined;
  if (plan.kind === 'cannot') return { kind: 'cannot', note: `${plan.reason}; the model's file is saved and the reference update offered` };
  if (plan.format !== 'ico') return undefined;
  return { kind: 'make', format: 'ico', note: 'made as a PNG inside an ICO container (one image, read by every browser and by Windows since Vista)' };
}
