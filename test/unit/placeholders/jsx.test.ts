import { strict as assert } from 'node:assert';
import { covered } from './covered';

describe('placeholders: JSX and TSX references', () => {
  it('reads string-literal src with numeric width/height props and the component name', () => {
    const text = [
      'export function HeroSection() {',
      '  return <img src="./hero.jpg" alt="city skyline" width={1200} height={600} />;',
      '}',
    ].join('\n');
    const [ref] = covered(text, 'typescriptreact');
    assert.deepEqual(
      { path: ref!.path, kind: ref!.kind, alt: ref!.alt, width: ref!.width, height: ref!.height, context: ref!.context },
      { path: './hero.jpg', kind: 'jsx', alt: 'city skyline', width: 1200, height: 600, context: 'HeroSection' },
    );
  });

  it('accepts a string literal inside braces and template literals without interpolation', () => {
    const refs = covered("const A = () => <><img src={'a.png'} /><img src={`b.png`} /></>;", 'javascriptreact');
    assert.deepEqual(refs.map((r) => r.path), ['a.png', 'b.png']);
  });

  it('skips expressions that are not string literals instead of guessing (a require() is an import)', () => {
    const text = [
      'const Card = ({ img }) => (<div>',
      '  <img src={img} />',
      '  <img src={`${base}/a.png`} />',
      '  <img src={require("./b.png")} />',
      '  <img src={"c" + ".png"} />',
      '  <img {...props} />',
      '</div>);',
    ].join('\n');
    assert.deepEqual(covered(text, 'javascriptreact').map((r) => [r.kind, r.form, r.path]), [['import', 'require', './b.png']]);
  });

  it('reads components with a literal src (next/image) and srcSet', () => {
    const text = [
      'const Team = () => (',
      '  <section>',
      "    <p>Don't miss https://example.com</p>",
      '    <Image src="public-team.png" width="800" height={450} onLoad={() => a > b} alt="team" />',
      '    <img srcSet="people-1x.png 1x, people-2x.png 2x" />',
      '  </section>',
      ');',
    ].join('\n');
    const refs = covered(text, 'typescriptreact');
    assert.deepEqual(refs.map((r) => [r.kind, r.path, r.width, r.height, r.context]), [
      ['jsx', 'public-team.png', 800, 450, 'Team'],
      ['srcset', 'people-1x.png', undefined, undefined, 'Team'],
    ]);
  });

  it('ignores images in comments', () => {
    const text = '/* <img src="a.png" /> */\n  // <img src="b.png" />\nconst X = () => <img src="c.png" />;';
    assert.deepEqual(covered(text, 'typescriptreact').map((r) => r.path), ['c.png']);
  });

  it('does not treat TypeScript generics or comparisons as tags', () => {
    const text = 'function f<T>(a: Array<T>) { return a.length < Max ? 1 : 2; }\nconst Y = () => <img src="y.png" />;';
    assert.deepEqual(covered(text, 'typescriptreact').map((r) => r.path), ['y.png']);
  });
});
