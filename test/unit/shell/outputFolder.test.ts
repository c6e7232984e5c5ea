import * as assert from 'node:assert/strict';
import { checkOutputFolder } from '../../../src/core';

function segments(raw: string): string[] {
  const check = checkOutputFolder(raw);
  assert.ok(check.ok, check.ok ? '' : check.message);
  return check.segments;
}

function refusal(raw: string): string {
  const check = checkOutputFolder(raw);
  assert.equal(check.ok, false, `"${raw}" should be refused`);
  return check.ok ? '' : check.message;
}

describe('output folder setting', () => {
  it('splits a workspace-relative folder into its parts', () => {
    assert.deepEqual(segments('assets/generated'), ['assets', 'generated']);
    assert.deepEqual(segments('  ./assets//img/ '), ['assets', 'img']);
    assert.deepEqual(segments('assets\\win\\style'), ['assets', 'win', 'style']);
  });

  it('means the workspace root when empty', () => {
    assert.deepEqual(segments(''), []);
    assert.deepEqual(segments('.'), []);
  });

  it('accepts a ".." that stays inside the workspace', () => {
    assert.deepEqual(segments('assets/../public/img'), ['public', 'img']);
  });

  it('refuses a ".." that climbs out of the workspace, naming the setting', () => {
    for (const raw of ['../outside', 'assets/../../outside', '..']) {
      assert.match(refusal(raw), /outside the workspace.*pruna\.outputFolder/, raw);
    }
  });

  it('refuses absolute paths, drive letters, home folders and URLs', () => {
    for (const raw of ['/tmp/out', '\\\\server\\share', 'C:\\out', 'c:/out', '~', '~/Pictures', 'file:///tmp/out', 'https://example.com/x']) {
      assert.match(refusal(raw), /not relative to the workspace/, raw);
    }
  });

  it('refuses characters and names that folders cannot have', () => {
    assert.match(refusal('assets/a:b'), /not allowed in folder names/);
    assert.match(refusal('assets/con/img'), /Windows cannot create/);
    assert.match(refusal('assets/img. '), /Windows cannot create/);
  });
});
