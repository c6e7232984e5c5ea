// Real-path containment: the pure rule (core) and the disk side (lstat/realpath) against real symbolic links in a
// temporary folder, the way a cloned repository can ship them.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPathSegment, checkRelativePath, decideContainment, isInsidePath } from '../../../src/core';
import { containLocal } from '../../../src/extension/saving/realPath';

describe('containment: plain names', () => {
  it('accepts ordinary file and folder names', () => {
    for (const name of ['hero.png', 'assets', 'a b', 'é.webp', '.pruna', 'recipes.json']) assert.equal(checkPathSegment(name), undefined, name);
  });

  it('refuses steps, separators, streams and control characters', () => {
    for (const name of ['', '.', '..', 'a\\b', 'x.png:stream', 'a\u0000b', 'tab\there', 'del\u007f', 'c1\u0085', 'a/b', 'q?.png', 'p|ipe']) {
      assert.ok(checkPathSegment(name), JSON.stringify(name));
    }
  });

  it('refuses names Windows cannot create', () => {
    for (const name of ['con', 'NUL.png', 'com1.jpg', 'lpt9', 'trailing.', 'space ']) assert.ok(checkPathSegment(name), name);
  });

  it('checks stored workspace-relative paths part by part', () => {
    assert.deepEqual(checkRelativePath('assets/generated/a.png'), { ok: true, segments: ['assets', 'generated', 'a.png'] });
    for (const bad of ['../../../../etc/passwd', '/etc/passwd', 'C:/Windows/x.png', 'a/../../b.png', 'a\\..\\b.png', 'a//b.png', '', 'x.png:ads']) {
      assert.equal(checkRelativePath(bad).ok, false, bad);
    }
  });
});

describe('containment: the decision', () => {
  it('compares whole path parts, not prefixes', () => {
    assert.ok(isInsidePath('/w/site', '/w/site', 'linux'));
    assert.ok(isInsidePath('/w/site', '/w/site/a/b.png', 'linux'));
    assert.ok(!isInsidePath('/w/site', '/w/site-evil/b.png', 'linux'));
    assert.ok(!isInsidePath('/w/site', '/w', 'linux'));
    assert.ok(isInsidePath('/', '/anything', 'linux'));
  });

  it('folds case and separators on Windows only', () => {
    assert.ok(isInsidePath('C:\\Work\\Site', 'c:\\work\\site\\img\\a.png', 'win32'));
    assert.ok(!isInsidePath('C:\\Work\\Site', 'C:\\Work\\Site2\\a.png', 'win32'));
    assert.ok(!isInsidePath('/w/Site', '/w/site/a.png', 'linux'));
  });

  it('joins the missing parts to the real existing part', () => {
    const verdict = decideContainment({ folderReal: '/w', existingReal: '/w/assets', missing: ['gen', 'a.png'] }, { platform: 'linux' });
    assert.deepEqual(verdict, { ok: true, real: '/w/assets/gen/a.png' });
  });

  it('refuses an existing part that really lives outside', () => {
    const verdict = decideContainment({ folderReal: '/w', existingReal: '/outside', missing: ['pwn.png'] }, { platform: 'linux', label: '"assets/pwn.png"' });
    assert.equal(verdict.ok, false);
    assert.equal(!verdict.ok && verdict.reason, 'outside');
    assert.match(!verdict.ok ? verdict.message : '', /"assets\/pwn\.png" is really outside the workspace folder/);
  });

  it('refuses a linked target when asked to, even one pointing inside', () => {
    const probe = { folderReal: '/w', existingReal: '/w/elsewhere.json', missing: [], targetIsLink: true };
    assert.equal(decideContainment(probe, { platform: 'linux' }).ok, true);
    const verdict = decideContainment(probe, { platform: 'linux', refuseLinkedTarget: true });
    assert.equal(!verdict.ok && verdict.reason, 'linked-target');
  });

  it('refuses a missing part that is not a plain name', () => {
    const verdict = decideContainment({ folderReal: '/w', existingReal: '/w', missing: ['a:b.png'] }, { platform: 'linux' });
    assert.equal(!verdict.ok && verdict.reason, 'bad-name');
  });
});

describe('containment on disk (real symbolic links)', function () {
  let root: string;
  let work: string;
  let outside: string;

  before(async function () {
    root = await realpath(await mkdtemp(join(tmpdir(), 'pruna-contain-')));
    work = join(root, 'work');
    outside = join(root, 'outside');
    await mkdir(join(work, 'public', 'img'), { recursive: true });
    await mkdir(outside, { recursive: true });
    await writeFile(join(work, 'public', 'img', 'real.png'), 'x');
    try {
      await symlink(outside, join(work, 'assets'), 'dir');
    } catch {
      this.skip(); // no symlink permission (Windows without developer mode): nothing to protect against here
    }
    await symlink(join(work, 'public'), join(work, 'static'), 'dir');
    await symlink(join(root, 'nowhere.json'), join(work, 'dangling.json'), 'file');
    await symlink(join(work, 'public', 'img', 'real.png'), join(work, 'inside-link.png'), 'file');
  });
  after(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('refuses a new file under a folder that links outside', async () => {
    const verdict = await containLocal(work, ['assets', 'pwn.png']);
    assert.equal(!verdict.ok && verdict.reason, 'outside');
  });

  it('refuses a new folder under a folder that links outside', async () => {
    const verdict = await containLocal(work, ['assets', 'generated', 'deeper', 'a.png']);
    assert.equal(!verdict.ok && verdict.reason, 'outside');
  });

  it('follows a link that stays inside the workspace', async () => {
    const verdict = await containLocal(work, ['static', 'img', 'new.png']);
    assert.deepEqual(verdict, { ok: true, real: join(work, 'public', 'img', 'new.png') });
  });

  it('accepts plain new and existing paths', async () => {
    assert.deepEqual(await containLocal(work, ['public', 'img', 'real.png']), { ok: true, real: join(work, 'public', 'img', 'real.png') });
    assert.deepEqual(await containLocal(work, ['fresh', 'a.png']), { ok: true, real: join(work, 'fresh', 'a.png') });
  });

  it('refuses a dangling link (writing would create its target)', async () => {
    const verdict = await containLocal(work, ['dangling.json']);
    assert.equal(!verdict.ok && verdict.reason, 'dangling-link');
  });

  it('refuses a linked file the extension owns even when it points inside', async () => {
    assert.equal((await containLocal(work, ['inside-link.png'])).ok, true);
    const verdict = await containLocal(work, ['inside-link.png'], { refuseLinkedTarget: true });
    assert.equal(!verdict.ok && verdict.reason, 'linked-target');
  });

  it('resolves the workspace folder itself when it is reached through a link', async () => {
    const alias = join(root, 'alias');
    await symlink(work, alias, 'dir');
    assert.equal((await containLocal(alias, ['public', 'img', 'b.png'])).ok, true);
    assert.equal((await containLocal(alias, ['assets', 'b.png'])).ok, false);
  });
});
