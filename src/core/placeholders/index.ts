// Placeholders from code: find image references, resolve them, and decide prompt, size and seed. No IO here.
export { parseGenerateMissingArgs, type GenerateMissingArgs } from './command-args';
export {
  findImageReferences,
  isSupportedLanguage,
  MANIFEST_LANGUAGE,
  MAX_SCAN_CHARS,
  placeholderLanguage,
  scanDocument,
  SUPPORTED_LANGUAGES,
  type ScanOptions,
  type ScanResult,
} from './find';
export { derivePrompt, readableFileName } from './prompt';
export { resolveReferenceTarget, workspaceRelative } from './resolve';
export { placeholderSeed } from './seed';
export { imageReferenceSchema, referenceForm } from './types';
export type { ImageReference, ReferenceForm, ReferenceKind, ReferenceRole, SizeHint, SizeSource, TextRange } from './types';
export { chooseSize, formatRatio, type DensityHint, type SizeChoice, type SizeMode, type SizeOptions, type SizeParams } from './size';
export { extensionOf, GENERATED_EXTENSIONS, sameImageType, withExtension } from './retarget';
