// Placeholders from code: find image references, resolve them, and decide prompt, size and seed. No IO here.
export { parseGenerateMissingArgs, type GenerateMissingArgs } from './command-args';
export { findImageReferences, isSupportedLanguage, SUPPORTED_LANGUAGES } from './find';
export { derivePrompt, readableFileName } from './prompt';
export { resolveReferenceTarget, workspaceRelative } from './resolve';
export { placeholderSeed } from './seed';
export { chooseSize, formatRatio, type DensityHint, type SizeChoice, type SizeMode, type SizeOptions, type SizeParams } from './size';
export type { ImageReference, ReferenceKind, SizeHint, TextRange } from './types';
export { extensionOf, GENERATED_EXTENSIONS, sameImageType, withExtension } from './retarget';
