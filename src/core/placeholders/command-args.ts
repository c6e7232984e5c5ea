// The argument object of `pruna.generateMissingImages`, checked before anything runs.
import * as z from 'zod';
import { PrunaError } from '../errors';

export const generateMissingArgsSchema = z.strictObject({
  /** A document or folder URI (string form); default: the active editor's document. */
  uri: z.string().min(1).optional(),
  /** Prompts by reference path (workspace-relative target, or the path as written); skips the QuickPick. */
  prompts: z.record(z.string().min(1), z.string().trim().min(1, 'a prompt must not be empty')).optional(),
  /** Custom width × height instead of the nearest preset ratio. */
  exactSize: z.boolean().optional(),
  /** Resolve to the plan (targets, references, prompts, sizes, why each path) and generate nothing. */
  dryRun: z.boolean().optional(),
  /** Only these targets (file URIs as the dry run gives them): what a user confirmed, nothing found since. */
  targets: z.array(z.string().min(1)).max(1000).optional(),
});

export type GenerateMissingArgs = z.infer<typeof generateMissingArgsSchema>;

export function parseGenerateMissingArgs(value: unknown): GenerateMissingArgs {
  if (value === undefined || value === null) return {};
  const result = generateMissingArgsSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || 'argument'}: ${i.message}`).join('; ');
  throw new PrunaError(
    'invalid-input',
    `Invalid argument for "Pruna: Generate Missing Images" (${problems}). Expected { uri?: string, prompts?: { [path]: prompt }, exactSize?: boolean, dryRun?: boolean }.`,
    { fields: result.error.issues.map((i) => i.path.join('.')).filter(Boolean), hint: 'check-input' },
  );
}
