// Where a job's result goes, decided before the job starts (so problems surface before any request) and persisted
// with the job so a resumed job saves to the same place.
import * as z from 'zod';

export const SaveTargetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('folder'),
    /** Workspace folder URI (string). */
    workspaceFolder: z.string(),
    /** Workspace-relative folder, already checked. */
    folder: z.string(),
    fileName: z.string().optional(),
  }),
  /** Exactly this file (placeholders, or a save dialog when no folder is open); a free name is used if it exists. */
  z.object({ kind: z.literal('exact'), uri: z.string() }),
]);

export type SaveTarget = z.infer<typeof SaveTargetSchema>;
