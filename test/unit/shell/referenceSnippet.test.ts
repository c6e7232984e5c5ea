import * as assert from 'node:assert/strict';
import { altFromPrompt, referenceSnippet, relativeReferencePath, styleForLanguage, type SnippetInput } from '../../../src/core';

const SIZE = { width: 1344, height: 768 };

function snippet(languageId: string, extra: Partial<SnippetInput> = {}): string {
  return referenceSnippet({ languageId, path: '../assets/fox.png', alt: 'a fox', size: SIZE, ...extra });
}

describe('reference snippets', () => {
  describe('per language', () => {
    it('writes Markdown image syntax', () => {
      assert.equal(snippet('markdown'), '![a fox](../assets/fox.png)');
    });

    it('writes an <img> with real dimensions for HTML, Vue and Svelte', () => {
      for (const language of ['html', 'vue', 'svelte']) {
        assert.equal(snippet(language), '<img src="../assets/fox.png" alt="a fox" width="1344" height="768">', language);
      }
    });

    it('self-closes the tag in JSX and TSX (and MDX)', () => {
      for (const language of ['javascriptreact', 'typescriptreact', 'mdx']) {
        assert.equal(snippet(language), '<img src="../assets/fox.png" alt="a fox" width="1344" height="768" />', language);
      }
    });

    it('leaves the size out when it is unknown', () => {
      assert.equal(snippet('html', { size: undefined }), '<img src="../assets/fox.png" alt="a fox">');
    });

    it('writes url("...") for CSS, SCSS and Less', () => {
      for (const language of ['css', 'scss', 'less']) assert.equal(snippet(language), 'url("../assets/fox.png")', language);
    });

    it('writes the bare path for any other language', () => {
      assert.equal(snippet('typescript'), '../assets/fox.png');
      assert.equal(snippet('plaintext'), '../assets/fox.png');
    });

    it('falls back to the file extension when the language is unknown (no Vue or Svelte extension installed)', () => {
      assert.equal(styleForLanguage('plaintext', '/site/App.vue'), 'html');
      assert.equal(styleForLanguage('plaintext', '/site/Page.SVELTE'), 'html');
      assert.equal(styleForLanguage('plaintext', '/site/theme.less'), 'css');
      assert.equal(styleForLanguage('plaintext', '/site/notes.txt'), 'plain');
      assert.equal(styleForLanguage('plaintext'), 'plain');
    });

    it('links a video in Markdown and embeds it with controls in markup', () => {
      const video = { path: 'clips/wave.mp4', isVideo: true, size: undefined };
      assert.equal(snippet('markdown', video), '[a fox](clips/wave.mp4)');
      assert.equal(snippet('html', video), '<video src="clips/wave.mp4" controls></video>');
      assert.equal(snippet('typescriptreact', video), '<video src="clips/wave.mp4" controls />');
    });
  });

  describe('paths', () => {
    it('percent-encodes spaces and parentheses in Markdown so the link does not break', () => {
      assert.equal(snippet('markdown', { path: '../my pics/fox (1).png' }), '![a fox](../my%20pics/fox%20%281%29.png)');
    });

    it('percent-encodes spaces and quotes in CSS', () => {
      assert.equal(snippet('css', { path: "my pics/it's.png" }), 'url("my%20pics/it%27s.png")');
    });

    it('keeps ../ segments, slashes, dots and @ readable', () => {
      assert.equal(snippet('markdown', { path: '../../img/logo@2x.v2.png' }), '![a fox](../../img/logo@2x.v2.png)');
    });

    it('encodes non-ASCII names so every renderer resolves them', () => {
      assert.equal(snippet('markdown', { path: 'équipe.png' }), '![a fox](%C3%A9quipe.png)');
    });

    it('is relative to the document folder, climbing with ../ when needed', () => {
      assert.equal(relativeReferencePath('/ws/docs/guide/page.md', '/ws/assets/generated/fox.png'), '../../assets/generated/fox.png');
      assert.equal(relativeReferencePath('/ws/README.md', '/ws/assets/fox.png'), 'assets/fox.png');
      assert.equal(relativeReferencePath('/ws/img/page.md', '/ws/img/fox.png'), 'fox.png');
      assert.equal(relativeReferencePath('/ws/my docs/page.md', '/ws/my pics/fox.png'), '../my pics/fox.png');
    });
  });

  describe('alt text', () => {
    it('escapes brackets and backslashes in Markdown and joins lines', () => {
      assert.equal(snippet('markdown', { alt: 'a [big] fox\\cat\non two lines' }), '![a \\[big\\] fox\\\\cat on two lines](../assets/fox.png)');
    });

    it('escapes quotes, ampersands and angle brackets in attributes', () => {
      assert.equal(snippet('html', { alt: 'Tom & "Jerry" <3', size: undefined }), '<img src="../assets/fox.png" alt="Tom &amp; &quot;Jerry&quot; &lt;3">');
    });

    it('comes from the prompt as one short line, cut at a word', () => {
      assert.equal(altFromPrompt('  a fox\n in   snow '), 'a fox in snow');
      const long = `${'word '.repeat(30)}end`;
      const alt = altFromPrompt(long);
      assert.ok(alt.length <= 101, alt);
      assert.match(alt, /word…$/);
    });
  });
});
