// Reference paths written in documents are checked after percent-decoding: an escape must not smuggle in what the
// raw text would have been refused for.
import * as assert from 'node:assert/strict';
import { decodedPathProblem, localImagePath } from '../../../src/core/placeholders/path-text';

describe('reference paths after percent-decoding', () => {
  it('keeps ordinary relative references, spaces and unicode included', () => {
    assert.equal(localImagePath('img/hero.png'), 'img/hero.png');
    assert.equal(localImagePath('../shared/my%20photo.webp'), '../shared/my photo.webp');
    assert.equal(localImagePath('./caf%C3%A9.jpg?v=2'), './café.jpg');
  });

  it('refuses an encoded backslash (a way out of the folder on Windows)', () => {
    assert.equal(localImagePath('..%5C..%5Cwindows%5Cx.png'), undefined);
    assert.equal(localImagePath('img%5cx.png'), undefined);
  });

  it('refuses an encoded colon (a drive or an NTFS stream name)', () => {
    assert.equal(localImagePath('img/x.png%3Aevil.png'), undefined);
    assert.equal(localImagePath('C%3A/x.png'), undefined);
  });

  it('refuses encoded control characters and an encoded leading slash', () => {
    for (const raw of ['a%00.png', 'a%0A.png', 'a%0d.png', 'a%7F.png', 'a%C2%85.png', '%2Fetc%2Fx.png']) assert.equal(localImagePath(raw), undefined, raw);
  });

  it('refuses names Windows cannot create', () => {
    assert.equal(localImagePath('img/con.png'), undefined);
    assert.equal(localImagePath('img/NUL.jpg'), undefined);
    assert.equal(localImagePath('img%3F/a.png'), undefined);
  });

  it('says why', () => {
    assert.match(decodedPathProblem('..\\..\\x.png') ?? '', /\\/);
    assert.match(decodedPathProblem('x.png:s') ?? '', /stream/);
    assert.equal(decodedPathProblem('../a/b.png'), undefined);
  });
});
