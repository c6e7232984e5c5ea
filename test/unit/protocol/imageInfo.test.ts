// Inputs are accepted for what their bytes are, not for their file names.
import * as assert from 'node:assert/strict';
import { sniffImageType } from '../../../src/extension/studio/imageInfo';
import { droppedUris, parseUriList } from '../../../src/webview/dropData';

describe('studio input checks', () => {
  it('recognises PNG, JPEG, WebP and GIF by their magic bytes', () => {
    assert.equal(sniffImageType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])), 'png');
    assert.equal(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0])), 'jpeg');
    assert.equal(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 ')), 'webp');
    assert.equal(sniffImageType(new TextEncoder().encode('GIF89a')), 'gif');
  });

  it('rejects text renamed to .png and truncated headers', () => {
    assert.equal(sniffImageType(new TextEncoder().encode('<svg xmlns=')), undefined);
    assert.equal(sniffImageType(Uint8Array.from([0x89, 0x50])), undefined);
    assert.equal(sniffImageType(new Uint8Array()), undefined);
  });

  it('prefers VS Code\'s full uri-list over the single-entry text/uri-list, and accepts a dragged https link', () => {
    const transfer = (data: Record<string, string>) => ({ getData: (type: string) => data[type] ?? '' }) as unknown as DataTransfer;
    assert.deepEqual(
      droppedUris(transfer({ 'text/uri-list': 'file:///w/a.png', 'application/vnd.code.uri-list': 'file:///w/a.png\r\nfile:///w/b.png' })),
      ['file:///w/a.png', 'file:///w/b.png'],
    );
    assert.deepEqual(droppedUris(transfer({ 'text/plain': ' https://x.test/cat.png ' })), ['https://x.test/cat.png']);
    assert.deepEqual(droppedUris(transfer({ 'text/plain': 'just some words' })), []);
  });

  it('reads a dropped uri-list, skipping comments and blank lines', () => {
    assert.deepEqual(parseUriList('# from explorer\r\nfile:///w/a.png\r\n\r\nfile:///w/b%20c.png\n'), ['file:///w/a.png', 'file:///w/b%20c.png']);
  });
});
