// What the conversion needs from an image codec, so the pipeline is tested with the real codecs and the shell loads
// them only on first use (their WebAssembly is ~1 MB uncompressed and is not read at activation).
import type { DecodableFormat, EncodableFormat } from './formats';
import type { Pixels } from './resize';

export interface Codecs {
  /** Decodes to 8-bit RGBA; metadata (EXIF, ICC, XMP) is not carried over to the pixels. */
  decode(bytes: Uint8Array, format: DecodableFormat): Promise<Pixels>;
  /** Encodes RGBA pixels; `quality` 0–100 for JPEG, WebP and AVIF, ignored for PNG. Writes no metadata. */
  encode(pixels: Pixels, format: EncodableFormat, quality: number): Promise<Uint8Array>;
}
