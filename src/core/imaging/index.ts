// Local image post-processing: formats, crop geometry, Lanczos resampling and the conversion pipeline. The codecs
// themselves (squoosh.ts) are not exported here: they are bundled separately and loaded on first use.
export * from './formats';
export * from './geometry';
export * from './ico';
export { RESIZE_FILTER, cropAndResize, type Pixels } from './resize';
export type { Codecs } from './codecs';
export { ConversionError, convertImage, type ConvertRequest, type Converted, type PostProcessRecord } from './pipeline';
export { UPSCALE_MODEL, upscaleModelRange, upscaleOffer, type UpscaleOffer } from './upscaleOffer';
