// The seed of a placeholder comes from its workspace-relative path. The shell records it in the file's recipe, but a
// recipe may be gone with the file; a seed derived from the reference itself needs no stored state, so regenerating a
// deleted placeholder (same path, prompt and size) reproduces it, on any machine of the team.
import { SEED_MAX } from '../catalog';

/** FNV-1a (32 bit) of the path, folded into the API's seed range. */
export function placeholderSeed(workspaceRelativePath: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(workspaceRelativePath)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % (SEED_MAX + 1);
}
