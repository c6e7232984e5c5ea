// What the panel's model list and the "Run a Model…" picker call each group of the catalog (one wording for both).
export const MODEL_GROUP_LABELS = {
  generate: 'Generate images',
  edit: 'Edit images',
  upscale: 'Upscale',
  'try-on': 'Try-on',
  video: 'Video',
  training: 'Train a style',
} as const;

export type ModelGroup = keyof typeof MODEL_GROUP_LABELS;

/** Open-dialog filters for a file input that accepts these kinds of media. */
export function mediaFileFilters(media: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (media.includes('image')) out.Images = ['png', 'jpg', 'jpeg', 'webp', 'gif'];
  if (media.includes('video')) out.Video = ['mp4', 'mov'];
  if (media.includes('audio')) out.Audio = ['mp3', 'wav', 'flac'];
  if (media.includes('zip')) out['Zip archives'] = ['zip'];
  return out;
}
