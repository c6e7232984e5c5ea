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
export { derivePrompt, describingText, isHashLike, readableFileName, withStyle, type PromptContext } from './prompt';
export { PLACEHOLDER_MODEL, planPlaceholders, type AmbiguousReference, type Plan, type PlanDocument, type PlanItem, type PlanReference, type SkippedReference } from './plan';
export { classifyForm, resolveImageReference, resolveReferenceTarget, workspaceRelative, type Candidate, type Resolution } from './resolve';
export { placeholderSeed } from './seed';
export { chatPromptRequest, readChatAnswer, writePromptsWithModel, MAX_CHAT_PROMPTS, type AskChatModel, type ChatPromptItem, type ChatPromptOptions } from './chat-prompts';
export { fileFormatOf, ICO_DEFAULT_SIZE, isIcoPath, withIcoSize, type FileFormat } from './ico';
export { chooseSize, formatRatio, type DensityHint, type SizeChoice, type SizeMode, type SizeOptions, type SizeParams } from './size';
export { imageReferenceSchema, referenceForm } from './types';
export type { ImageReference, ReferenceForm, ReferenceKind, ReferenceRole, SizeHint, SizeSource, TextRange } from './types';
export { extensionOf, GENERATED_EXTENSIONS, sameImageType, withExtension } from './retarget';
