// From the model's file to the file the code asks for: decode, centre-crop to the target's ratio, resample with
// Lanczos-3, encode in the named format. Nothing is re-encoded that need not be: a PNG asked as a PNG at its own size
// is returned byte for byte. Everything decided is returned as a record, so the recipe can make the same bytes again.
import * as l10n from '../l10n';
import { sniffImageFormat } from '../http/sniff';
import type { Codecs } from './codecs';
import { DEFAULT_QUALITY, EXTENSION_OF, MIME_OF, type DecodableFormat, type EncodableFormat, type TargetFormat } from './formats';
import { centreCrop, upscaleFactor, type CropBox, type Size } from './geometry';
import { pngInIco } from './ico';
import { RESIZE_FILTER, cropAndResize } from './resize';

export interface ConvertRequest {
  readonly format: TargetFormat;
  /** Exact output pixels; the model's size when absent. */
  readonly size?: Size;
  /** 0–100 for JPEG, WebP and AVIF; DEFAULT_QUALITY when absent. */
  readonly quality?: number;
}

/** What was done, as the recipe keeps it. */
export interface PostProcessRecord {
  readonly sourceFormat: string;
  readonly sourceWidth: number;
  readonly sourceHeight: number;
  readonly crop?: CropBox;
  readonly filter?: typeof RESIZE_FILTER;
  readonly width: number;
  readonly height: number;
  readonly format: TargetFormat;
  readonly quality?: number;
}

export interface Converted {
  readonly bytes: Uint8Array;
  readonly format: TargetFormat;
  readonly mime: string;
  readonly ext: string;
  /** False when the model's bytes were already the file asked for (returned unchanged). */
  readonly changed: boolean;
  /** How much the picture was enlarged (> 1 upscaled; 1 when only shrunk or untouched). */
  readonly upscale: number;
  readonly record: PostProcessRecord;
}

export class ConversionError extends Error {
  override readonly name = 'ConversionError';
}

const DECODABLE: readonly string[] = ['png', 'jpeg', 'webp'];

export async function convertImage(bytes: Uint8Array, request: ConvertRequest, codecs: Codecs): Promise<Converted> {
  const sourceFormat = sniffImageFormat(bytes);
  if (!sourceFormat) throw new ConversionError(l10n.t('the downloaded file is not an image this extension can read'));
  if (!DECODABLE.includes(sourceFormat)) {
    throw new ConversionError(l10n.t('the model returned {0}, which this extension cannot decode', sourceFormat.toUpperCase()));
  }
  const from = sourceFormat as DecodableFormat;
  const encodeAs: EncodableFormat = request.format === 'ico' ? 'png' : request.format;
  const quality = encodeAs === 'png' ? undefined : clampQuality(request.quality ?? DEFAULT_QUALITY[encodeAs]);

  const decoded = await codecs.decode(bytes, from);
  const source: Size = { width: decoded.width, height: decoded.height };
  const target = request.size ?? source;
  const sameSize = target.width === source.width && target.height === source.height;
  const base = { sourceFormat, sourceWidth: source.width, sourceHeight: source.height };

  if (sameSize && request.format === from) {
    return {
      bytes,
      format: request.format,
      mime: MIME_OF[request.format],
      ext: EXTENSION_OF[request.format],
      changed: false,
      upscale: 1,
      record: { ...base, width: source.width, height: source.height, format: request.format },
    };
  }
  const crop = centreCrop(source, target);
  const pixels = sameSize ? decoded : cropAndResize(decoded, crop, target);
  const resampled = crop.width !== target.width || crop.height !== target.height;
  let out = await codecs.encode(pixels, encodeAs, quality ?? 0);
  if (request.format === 'ico') out = pngInIco(out, target.width, target.height);
  return {
    bytes: out,
    format: request.format,
    mime: MIME_OF[request.format],
    ext: EXTENSION_OF[request.format],
    changed: true,
    upscale: Math.max(1, upscaleFactor(crop, target)),
    record: {
      ...base,
      ...(sameSize ? {} : { crop }),
      ...(resampled ? { filter: RESIZE_FILTER } : {}),
      width: target.width,
      height: target.height,
      format: request.format,
      ...(quality !== undefined ? { quality } : {}),
    },
  };
}

function clampQuality(value: number): number {
  return Math.max(0, Math.min(100, Math.round(value)));
}
