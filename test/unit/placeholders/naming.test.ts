import { strict as assert } from 'node:assert';
import {
  derivePrompt,
  parseGenerateMissingArgs,
  placeholderSeed,
  readableFileName,
  resolveReferenceTarget,
  workspaceRelative,
} from '../../../src/core/placeholders';

describe('placeholders: target paths', () => {
  const root = '/home/me/site';

  it('resolves ./ and ../ against the document folder', () => {
    assert.equal(resolveReferenceTarget('/home/me/site/docs/a.md', './img/x.png', root), '/home/me/site/docs/img/x.png');
    assert.equal(resolveReferenceTarget('/home/me/site/docs/a.md', '../img/x.png', root), '/home/me/site/img/x.png');
    assert.equal(resolveReferenceTarget('/home/me/site/index.html', 'a/./b/../c d.png', root), '/home/me/site/a/c d.png');
  });

  it('refuses paths that leave the workspace folder', () => {
    assert.equal(resolveReferenceTarget('/home/me/site/docs/a.md', '../../other/x.png', root), undefined);
    assert.equal(resolveReferenceTarget('/home/me/site/a.md', '../site-evil/x.png', root), undefined);
    assert.equal(resolveReferenceTarget('/home/me/site/a.md', '../../../../../../x.png', root), undefined);
    assert.equal(resolveReferenceTarget('/home/me/site/a.md', '/etc/x.png', root), undefined);
  });

  it('matches a Windows drive letter in either case', () => {
    assert.equal(resolveReferenceTarget('/C:/work/site/a.md', 'x.png', '/c:/work/site'), '/C:/work/site/x.png');
  });

  it('gives workspace-relative paths for labels and prompts', () => {
    assert.equal(workspaceRelative('/home/me/site/img/x.png', root), 'img/x.png');
  });
});

describe('placeholders: prompts', () => {
  it('uses the alt text when there is one', () => {
    assert.equal(derivePrompt({ path: 'a.png', alt: '  mountain lake\nat dawn ', context: 'Intro' }), 'mountain lake at dawn');
  });

  it('otherwise uses a readable file name plus the nearest heading, component or selector', () => {
    assert.equal(derivePrompt({ path: 'img/team_photo@2x.png', context: 'About us' }), 'team photo, About us');
    assert.equal(derivePrompt({ path: 'hero-banner.webp', context: 'PricingSection' }), 'hero banner, pricing section');
    assert.equal(derivePrompt({ path: 'bg.jpg', context: '.landing .hero:hover, .x' }), 'bg, landing hero');
  });

  it('does not repeat the context when the file name already says it', () => {
    assert.equal(derivePrompt({ path: 'hero.png', context: '.hero' }), 'hero');
  });

  it('falls back to a generic subject when the file name has no words', () => {
    assert.equal(readableFileName('img/IMG_0012.png'), '');
    assert.equal(derivePrompt({ path: 'img/IMG_0012.png', context: 'Gallery' }), 'placeholder image, Gallery');
  });
});

describe('placeholders: seeds', () => {
  it('derives the same seed from the same path, within the API range', () => {
    const seed = placeholderSeed('assets/hero.jpg');
    assert.equal(placeholderSeed('assets/hero.jpg'), seed);
    assert.ok(Number.isInteger(seed) && seed >= 0 && seed <= 2147483647);
  });

  it('derives different seeds for different paths', () => {
    const seeds = new Set(['a.png', 'b.png', 'img/a.png', 'assets/hero.jpg', 'assets/Hero.jpg'].map(placeholderSeed));
    assert.equal(seeds.size, 5);
  });
});

describe('placeholders: command argument', () => {
  it('accepts nothing, a uri, prompts by path and exactSize', () => {
    assert.deepEqual(parseGenerateMissingArgs(undefined), {});
    assert.deepEqual(parseGenerateMissingArgs({ uri: 'file:///x/a.md', prompts: { 'img/a.png': 'cat' }, exactSize: true }), {
      uri: 'file:///x/a.md',
      prompts: { 'img/a.png': 'cat' },
      exactSize: true,
    });
  });

  it('rejects unknown fields and empty prompts with a message naming them', () => {
    assert.throws(() => parseGenerateMissingArgs({ exact: true }), /Invalid argument.*Expected \{ uri\?/);
    assert.throws(() => parseGenerateMissingArgs({ prompts: { 'a.png': '  ' } }), /prompts\.a\.png: a prompt must not be empty/);
    assert.throws(() => parseGenerateMissingArgs('file:///x'), /Invalid argument/);
  });
});
