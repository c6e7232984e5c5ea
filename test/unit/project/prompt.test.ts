// Prompts a designer would write, and the project style proposed from its colours.
import { strict as assert } from 'node:assert';
import { derivePrompt, describingText, isHashLike, readableFileName } from '../../../src/core/placeholders';
import { memoryReader, ProjectModel, proposeStyle } from '../../../src/core/project';

describe('placeholder prompts', () => {
  it('skips alt texts that describe nothing', () => {
    for (const alt of ['...', '…', 'Imgur', 'User Image', 'screen capture', 'image', 'Photo', 'Screenshot 2023-04-01 at 10.12.33', 'image 3', 'hero.png', 'a1b2c3d4e5']) {
      assert.equal(describingText(alt), undefined, alt);
    }
    assert.equal(derivePrompt({ path: 'team/anna-lopez.jpg', alt: 'User Image' }), 'anna lopez');
  });

  it('keeps a describing alt, without its size tokens', () => {
    assert.equal(derivePrompt({ path: 'x.png', alt: 'jqueryui 32x32' }), 'jqueryui');
    assert.equal(derivePrompt({ path: 'x.png', alt: 'Sunset over the bay @2x' }), 'Sunset over the bay');
  });

  it('drops hash-like file names and size tokens from names', () => {
    assert.ok(isHashLike('jj3A5N8'));
    assert.ok(isHashLike('5f2b9c1e7a'));
    assert.ok(!isHashLike('hero'));
    assert.ok(!isHashLike('h2o'));
    assert.equal(readableFileName('img/jj3A5N8.png'), '');
    assert.equal(readableFileName('icons/jqueryui-32x32.png'), 'jqueryui');
    assert.equal(readableFileName('bg-main-light-800w.jpg'), 'bg main light');
  });

  it('uses the figure caption when the alt says nothing', () => {
    const text = '<figure><img src="a1b2c3d4.png" alt="image"><figcaption>The harbour at <em>low tide</em></figcaption></figure>';
    const start = text.indexOf('a1b2');
    assert.equal(derivePrompt({ path: 'a1b2c3d4.png', alt: 'image', range: { start, end: start + 12 } }, { text }), 'The harbour at low tide');
  });

  it('falls back to the paragraph around the reference, then the site title', () => {
    const text = '# Gallery\n\nOur volunteers planted two hundred trees along the river last spring.\n\n![](IMG_0042.jpg)\n';
    const start = text.indexOf('IMG_');
    assert.equal(derivePrompt({ path: 'IMG_0042.jpg', context: 'Gallery', range: { start, end: start + 12 } }, { text }), 'placeholder image, Gallery, Our volunteers planted two hundred trees along the river last spring');
    assert.equal(derivePrompt({ path: 'IMG_0042.jpg' }, { siteTitle: 'Acme Robotics' }), 'placeholder image, Acme Robotics');
  });

  it('appends the project style once', () => {
    assert.equal(derivePrompt({ path: 'hero.png', alt: 'a lake' }, { style: 'flat vector illustration' }), 'a lake, flat vector illustration');
    assert.equal(derivePrompt({ path: 'hero.png', alt: 'a lake, flat vector illustration' }, { style: 'flat vector illustration' }), 'a lake, flat vector illustration');
  });
});

describe('project style proposal', () => {
  it('names the Tailwind theme colours', async () => {
    const files = {
      '/w/package.json': '{"dependencies":{"next":"15"}}',
      '/w/tailwind.config.ts': "export default { theme: { extend: { colors: { brand: { 50: '#f0fdfa', 500: '#14b8a6', 900: '#134e4a' }, accent: '#f59e0b' } } } }",
    };
    const reader = memoryReader(files);
    const project = await new ProjectModel(reader, '/w').projectOf('/w/app/page.tsx');
    const proposal = await proposeStyle(reader, project);
    assert.equal(proposal?.source, 'tailwind.config.ts theme colours');
    assert.match(proposal!.style, /teal/);
    assert.match(proposal!.style, /amber|orange/);
  });

  it('reads colour custom properties, and proposes nothing without literal colours', async () => {
    const reader = memoryReader({ '/w/package.json': '{}', '/w/src/index.css': ':root { --color-primary: #1e3a8a; --accent: #db2777; }' });
    const project = await new ProjectModel(reader, '/w').projectOf('/w/src/main.ts');
    assert.match((await proposeStyle(reader, project))!.style, /blue.*pink|pink.*blue/);
    const none = memoryReader({ '/w/package.json': '{}', '/w/tailwind.config.js': 'module.exports = { theme: { colors: require("./colors") } }' });
    assert.equal(await proposeStyle(none, await new ProjectModel(none, '/w').projectOf('/w/a.html')), undefined);
  });
});
