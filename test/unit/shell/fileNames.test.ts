import * as assert from 'node:assert/strict';
import {
  MAX_FILE_NAME_LENGTH,
  baseNameFor,
  candidateNames,
  checkFileName,
  extensionForContentType,
  extensionFromMagic,
  isWindowsReservedName,
  sameExtension,
  slugify,
  splitExtension,
} from '../../../src/core';
import { encodePng } from '../../simulator/png';

function firstNames(base: string, ext: string, count: number): string[] {
  const names: string[] = [];
  for (const name of candidateNames(base, ext)) {
    names.push(name);
    if (names.length === count) break;
  }
  return names;
}

describe('result file names', () => {
  describe('slug of the prompt', () => {
    it('keeps lowercase ASCII words joined by dashes', () => {
      assert.equal(slugify('A Red Fox, in fresh snow!'), 'a-red-fox-in-fresh-snow');
    });

    it('folds accents instead of dropping the letter', () => {
      assert.equal(slugify('Crème brûlée à Noël'), 'creme-brulee-a-noel');
    });

    it('falls back to "pruna" when no ASCII word is left (emoji, CJK, empty, blank)', () => {
      assert.deepEqual(['🦊🌲', '日本の桜', '', '   \n\t'].map((p) => slugify(p)), ['pruna', 'pruna', 'pruna', 'pruna']);
    });

    it('keeps the ASCII words of a mixed-script prompt', () => {
      assert.equal(slugify('Tokyo 東京 at night 🌃'), 'tokyo-at-night');
    });

    it('stops at a whole word within the length cap', () => {
      const slug = slugify('one two three four five six seven eight nine ten eleven twelve');
      assert.ok(slug.length <= 48, slug);
      assert.equal(slug, 'one-two-three-four-five-six-seven-eight-nine-ten');
    });

    it('cuts a single word longer than the cap instead of returning nothing', () => {
      assert.equal(slugify('x'.repeat(100)), 'x'.repeat(48));
      assert.equal(slugify('abcdef', 3), 'abc');
    });

    it('never produces a name Windows reserves', () => {
      assert.deepEqual(['con', 'AUX', 'nul', 'com1', 'Lpt9'].map((p) => slugify(p)), ['con-image', 'aux-image', 'nul-image', 'com1-image', 'lpt9-image']);
      assert.equal(slugify('console'), 'console', 'only the exact reserved words');
    });
  });

  describe('base name', () => {
    it('adds the seed so the listing shows how to make the file again', () => {
      assert.equal(baseNameFor('Sunset over the sea', 42), 'sunset-over-the-sea-42');
      assert.equal(baseNameFor('Sunset over the sea', 0), 'sunset-over-the-sea-0');
    });

    it('is the slug alone without a seed', () => {
      assert.equal(baseNameFor('Sunset', undefined), 'sunset');
    });
  });

  describe('extension', () => {
    it('comes from the Content-Type, ignoring parameters and case', () => {
      assert.deepEqual(
        ['image/png', 'IMAGE/JPEG; charset=binary', 'image/jpg', 'image/webp', 'video/mp4', 'video/webm', 'application/zip'].map(extensionForContentType),
        ['.png', '.jpg', '.jpg', '.webp', '.mp4', '.webm', '.zip'],
      );
    });

    it('is unknown for a generic or missing Content-Type', () => {
      assert.deepEqual(['application/octet-stream', '', undefined, 'text/html'].map(extensionForContentType), [undefined, undefined, undefined, undefined]);
    });

    it('falls back to the first bytes of the file', () => {
      const bytes = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
      assert.equal(extensionFromMagic(encodePng(2, 2, () => Buffer.alloc(6))), '.png');
      assert.equal(extensionFromMagic(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0])), '.jpg');
      assert.equal(extensionFromMagic(bytes('RIFF\0\0\0\0WEBPVP8 ')), '.webp');
      assert.equal(extensionFromMagic(bytes('GIF89a')), '.gif');
      assert.equal(extensionFromMagic(bytes('\0\0\0\x18ftypisom')), '.mp4');
      assert.equal(extensionFromMagic(Uint8Array.from([0x50, 0x4b, 0x03, 0x04])), '.zip');
      assert.equal(extensionFromMagic(bytes('<html>')), undefined);
      assert.equal(extensionFromMagic(new Uint8Array(0)), undefined);
    });

    it('treats jpg and jpeg as one type', () => {
      assert.equal(sameExtension('.JPEG', '.jpg'), true);
      assert.equal(sameExtension('.png', '.jpg'), false);
    });

    it('splits name and extension, a leading dot belonging to the name', () => {
      assert.deepEqual(splitExtension('hero.final.png'), { base: 'hero.final', ext: '.png' });
      assert.deepEqual(splitExtension('.env'), { base: '.env', ext: '' });
      assert.deepEqual(splitExtension('README'), { base: 'README', ext: '' });
    });
  });

  describe('never overwriting', () => {
    it('tries the name, then -2, -3, ... keeping the extension', () => {
      assert.deepEqual(firstNames('fox-42', '.png', 4), ['fox-42.png', 'fox-42-2.png', 'fox-42-3.png', 'fox-42-4.png']);
    });

    it('goes on as long as names are taken', () => {
      assert.equal(firstNames('a', '.jpg', 1000).at(-1), 'a-1000.jpg');
    });
  });

  describe('a file name given by the caller', () => {
    it('accepts an ordinary name, unicode included', () => {
      assert.deepEqual(['hero.png', 'équipe 2024.webp', '桜.png', 'a'.repeat(MAX_FILE_NAME_LENGTH)].map(checkFileName), [undefined, undefined, undefined, undefined]);
    });

    it('refuses empty names and says to leave it out', () => {
      assert.match(checkFileName('  ')!, /empty.*leave it out/);
    });

    it('refuses folder parts and points to outputFolder', () => {
      assert.match(checkFileName('img/hero.png')!, /folder separator.*outputFolder/);
      assert.match(checkFileName('..\\hero.png')!, /folder separator/);
      assert.match(checkFileName('..')!, /not a file name/);
    });

    it('refuses characters Windows or the shell cannot take', () => {
      for (const name of ['a<b.png', 'a:b.png', 'a"b.png', 'a|b.png', 'a?.png', 'a*.png', 'tab\there.png']) {
        assert.match(checkFileName(name)!, /not allowed/, name);
      }
    });

    it('refuses reserved Windows names whatever the extension, and trailing dots or spaces', () => {
      for (const name of ['CON.png', 'nul', 'com1.jpg', 'LPT3.webp', 'aux.tar.gz', 'hero.png.', 'hero ']) {
        assert.match(checkFileName(name)!, /cannot be used on Windows/, name);
      }
      assert.equal(isWindowsReservedName('console.png'), false);
      assert.equal(isWindowsReservedName('icon.png'), false);
    });

    it('refuses names over the length cap, saying the limit', () => {
      assert.match(checkFileName(`${'a'.repeat(MAX_FILE_NAME_LENGTH)}.png`)!, new RegExp(`at most ${MAX_FILE_NAME_LENGTH}`));
    });
  });
});
