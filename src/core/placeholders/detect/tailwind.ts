// Size from Tailwind utilities on the same element: `w-64 h-32` (the spacing scale is 4 px a step), `size-16`,
// arbitrary values `w-[1200px]`, `aspect-video`, `aspect-square`, `aspect-[4/3]`. Responsive or state variants
// (`md:w-96`) describe other breakpoints and are ignored; relative widths (`w-full`, `w-1/2`) say nothing about pixels.
import type { SizeHint } from '../types';

const SPACING_PX = 4;
/** Class lists longer than this are generated, not written; only the start is read. */
const MAX_CLASS_TEXT = 2000;

export function tailwindSizeHint(classes: string): SizeHint {
  let width: number | undefined;
  let height: number | undefined;
  let aspectRatio: number | undefined;
  for (const token of classes.slice(0, MAX_CLASS_TEXT).split(/\s+/)) {
    if (token === '' || token.includes(':')) continue;
    const match = /^(w|h|size|aspect)-(.+)$/.exec(token);
    if (!match) continue;
    const [, utility, value] = match as unknown as [string, string, string];
    if (utility === 'aspect') {
      aspectRatio = aspectValue(value) ?? aspectRatio;
      continue;
    }
    const pixels = lengthValue(value);
    if (pixels === undefined) continue;
    if (utility === 'w' || utility === 'size') width = pixels;
    if (utility === 'h' || utility === 'size') height = pixels;
  }
  return {
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
    ...(aspectRatio !== undefined ? { aspectRatio } : {}),
  };
}

function lengthValue(value: string): number | undefined {
  const scale = /^(\d{1,3})(\.5)?$/.exec(value);
  if (scale) {
    const steps = Number(scale[1]) + (scale[2] ? 0.5 : 0);
    return steps > 0 ? Math.round(steps * SPACING_PX) : undefined;
  }
  if (value === 'px') return 1;
  const arbitrary = /^\[(\d{1,5}(?:\.\d+)?)px\]$/.exec(value);
  if (arbitrary) {
    const pixels = Math.round(Number(arbitrary[1]));
    return pixels > 0 ? pixels : undefined;
  }
  return undefined;
}

function aspectValue(value: string): number | undefined {
  if (value === 'video') return 16 / 9;
  if (value === 'square') return 1;
  const ratio = /^\[(\d{1,5}(?:\.\d+)?)\s*\/\s*(\d{1,5}(?:\.\d+)?)\]$/.exec(value) ?? /^(\d{1,4})\/(\d{1,4})$/.exec(value);
  if (!ratio) return undefined;
  const w = Number(ratio[1]);
  const h = Number(ratio[2]);
  return w > 0 && h > 0 ? w / h : undefined;
}
