// Hugo modules read as data from YAML, TOML and JSON configs: imports (local ones by go.mod `replace` or
// module.replacements), the project's mounts to static/ (which replace the default static folder), an import's own
// mounts, and config/_default/module.*; what is not plain data is noted, not guessed.
import { strict as assert } from 'node:assert';
import { resolveImageReference, type Resolution } from '../../../src/core/placeholders';
import { memoryReader, ProjectModel } from '../../../src/core/project';
import { readHugoModuleConfig } from '../../../src/core/project/hugoModules';
import { readYamlDocument } from '../../../src/core/project/keyValue';

const W = '/w';

async function resolveIn(files: Record<string, string>, document: string, path: string): Promise<Resolution> {
  const model = new ProjectModel(memoryReader({ ...files, [document]: '' }), W);
  return resolveImageReference(await model.projectOf(document), document, { path, kind: 'markdown' }, W);
}

function targets(resolution: Resolution): string[] {
  assert.equal(resolution.status, 'target', JSON.stringify(resolution));
  const r = resolution as Extract<Resolution, { status: 'target' }>;
  return [r.target, ...r.alternatives.map((a) => a.target)];
}

const YAML_SITE = [
  'baseURL: https://example.org/',
  'title: Docs',
  'module:',
  '  # the theme is a local folder',
  '  replacements: "github.com/me/theme -> ../theme"',
  '  imports:',
  '    - path: github.com/me/theme',
  '    - path: github.com/me/icons',
  '      mounts:',
  '        - source: dist/png',
  '          target: static/icons',
  '    - path: github.com/other/fetched',
  '    - path: github.com/me/off',
  '      disable: true',
  '  mounts:',
  '    - source: content',
  '      target: content',
  '    - source: public-files',
  '      target: static',
  '    - source: "assets/shots"',
  '      target: static/shots',
  '',
].join('\n');

describe('project model: Hugo modules from YAML, TOML and JSON', () => {
  it('reads block YAML as nested data; flow mappings and multi-line scalars are computed', () => {
    const value = readYamlDocument('a:\n  b: 1\n  list:\n    - x\n    - k: v\n      m: "w"\n  flow: [p, "q"]\n  map: { x: 1 }\n  text: |\n    line one\n    line two\n  after: yes\n') as Record<string, Record<string, unknown>>;
    assert.deepEqual(value.a!.b, 1);
    assert.deepEqual(value.a!.list, ['x', { k: 'v', m: 'w' }]);
    assert.deepEqual(value.a!.flow, ['p', 'q']);
    assert.equal(value.a!.map?.constructor.name, 'Computed');
    assert.equal(value.a!.text?.constructor.name, 'Computed');
    assert.equal(value.a!.after, true);
  });

  it('reads module imports, mounts and replacements from hugo.yaml', () => {
    const config = readHugoModuleConfig(YAML_SITE, 'yaml');
    assert.deepEqual(config.imports.map((i) => [i.path, i.mounts?.map((m) => `${m.source}->${m.target}`)]), [
      ['github.com/me/theme', undefined],
      ['github.com/me/icons', ['dist/png->static/icons']],
      ['github.com/other/fetched', undefined],
    ]);
    assert.deepEqual(config.mounts.map((m) => `${m.source}->${m.target}`), ['content->content', 'public-files->static', 'assets/shots->static/shots']);
    assert.deepEqual([...config.replacements], [['github.com/me/theme', '../theme']]);
    assert.deepEqual(config.unread, []);
  });

  it('reads the same from TOML tables, with [[module.imports.mounts]] and [module] replacements', () => {
    const toml = [
      "title = 'x'",
      '[module]',
      '  replacements = "github.com/me/theme -> ../theme"',
      '[[module.imports]]',
      '  path = "github.com/me/theme"',
      '[[module.imports]]',
      '  path = "github.com/me/icons"',
      '  [[module.imports.mounts]]',
      '    source = "dist/png"',
      '    target = "static/icons"',
      '[[module.mounts]]',
      "  source = 'public-files'",
      "  target = 'static'",
      '[params]',
      '  path = "not a module"',
    ].join('\n');
    const config = readHugoModuleConfig(toml, 'toml');
    assert.deepEqual(config.imports.map((i) => [i.path, i.mounts?.length]), [['github.com/me/theme', undefined], ['github.com/me/icons', 1]]);
    assert.deepEqual(config.mounts, [{ source: 'public-files', target: 'static' }]);
    assert.equal(config.replacements.get('github.com/me/theme'), '../theme');
    const inline = readHugoModuleConfig('[module]\n  imports = [{ path = "x" }]\n', 'toml');
    assert.deepEqual([inline.imports.length, inline.unread.length], [0, 1]);
  });

  it('reads JSON configs and config/_default/module.yaml (keys at the top)', async () => {
    assert.deepEqual(readHugoModuleConfig('{"module": {"imports": [{"path": "github.com/a/b"}]}}', 'json').imports, [{ path: 'github.com/a/b' }]);
    const files = {
      '/w/site/hugo.toml': "title = 'x'\n",
      '/w/site/config/_default/module.yaml': 'imports:\n  - path: github.com/me/theme\nmounts:\n  - source: files\n    target: static\n',
      '/w/site/go.mod': 'module example.com/site\nreplace github.com/me/theme => ../theme\n',
    };
    assert.deepEqual(targets(await resolveIn(files, '/w/site/content/_index.md', '/logo.png')), ['/w/site/files/logo.png', '/w/theme/static/logo.png', '/w/site/content/logo.png']);
  });

  it('resolves through the mounts: static mounts replace static/, a mount at static/shots serves /shots/ only', async () => {
    const files = { '/w/site/hugo.yaml': YAML_SITE, '/w/site/go.mod': 'module example.com/site\nreplace github.com/me/icons => ../icons\n' };
    const page = '/w/site/content/_index.md';
    assert.deepEqual(targets(await resolveIn(files, page, '/img/a.png')), ['/w/site/public-files/img/a.png', '/w/theme/static/img/a.png', '/w/site/content/img/a.png']);
    assert.deepEqual(targets(await resolveIn(files, page, '/shots/b.png')).slice(0, 2), ['/w/site/public-files/shots/b.png', '/w/site/assets/shots/b.png']);
    assert.ok(targets(await resolveIn(files, page, '/icons/c.png')).includes('/w/icons/dist/png/c.png'));
    assert.ok(!targets(await resolveIn(files, page, '/img/a.png')).some((t) => t.startsWith('/w/site/static/')), 'static/ is replaced by the mounts');
    const project = await new ProjectModel(memoryReader(files), W).projectOf(page);
    assert.match(project.notes.join(' '), /github\.com\/other\/fetched is fetched by Go/);
    assert.ok(!project.notes.join(' ').includes('github.com/me/off'), 'a disabled import is not read');
    assert.match(project.served.find((s) => s.at === '/shots/')!.rule, /mounts assets\/shots\/ at \/shots\/ \(module.mounts in hugo.yaml\)/);
  });

  it('without static mounts, staticDir and the theme still decide (TOML, as before)', async () => {
    const files = { '/w/hugo.toml': "baseURL = 'https://x/'\nstaticDir = 'files'\n[[module.mounts]]\n  source = 'content'\n  target = 'content'\n" };
    assert.deepEqual(targets(await resolveIn(files, '/w/content/_index.md', '/a.png')), ['/w/files/a.png', '/w/content/a.png']);
  });
});
