import { strict as assert } from 'node:assert';
import { findImageReferences, type ImageReference } from '../../../src/core/placeholders';

/** Finds references and checks that each range covers exactly its raw path in the text. */
export function covered(text: string, languageId: string): ImageReference[] {
  return findImageReferences(text, languageId).map((r) => {
    assert.equal(text.slice(r.range.start, r.range.end), r.rawPath, `range of ${r.rawPath}`);
    return r;
  });
}
