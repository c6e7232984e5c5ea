import { strict as assert } from 'node:assert';
import { extensionOf, sameImageType, withExtension } from '../../../src/core/placeholders';

describe('placeholders: pointing a reference at the saved file', () => {
  it('swaps only the extension, keeping folders, query and hash', () => {
    assert.equal(withExtension('img/hero.jpg', '.png'), 'img/hero.png');
    assert.equal(withExtension('../a.b/hero.JPG?v=2#x', 'webp'), '../a.b/hero.webp?v=2#x');
    assert.equal(withExtension('my%20hero.jpeg', '.png'), 'my%20hero.png');
  });

  it('gives nothing to swap for a path without an extension', () => {
    assert.equal(withExtension('img/hero?x=1.png', '.png'), undefined);
  });

  it('treats .jpg and .jpeg as the same type, case-insensitively', () => {
    assert.equal(sameImageType('.JPG', '.jpeg'), true);
    assert.equal(sameImageType('.jpg', '.png'), false);
    assert.equal(extensionOf('/a/b.c/Hero.PNG'), '.png');
    assert.equal(extensionOf('/a/b.c/hero'), '');
  });
});
