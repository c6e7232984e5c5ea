// What a run asks of its result beyond the model's own output, persisted with the job so a resumed job makes the same
// file: exact pixels (a placeholder's width × height, a command's), a format for nameless results, a quality.
import * as z from 'zod';

export const OutputRequestSchema = z.object({
  /** A format for results without a name of their own (`pruna.outputFormat`, Regenerate). */
  format: z.enum(['jpeg', 'png', 'webp', 'avif', 'ico']).optional(),
  /** Exact pixels of the saved file. */
  width: z.int().positive().optional(),
  height: z.int().positive().optional(),
  /** JPEG and WebP quality (`pruna.outputQuality`, default 85). */
  quality: z.int().min(0).max(100).optional(),
});
export type OutputRequest = z.infer<typeof OutputRequestSchema>;
