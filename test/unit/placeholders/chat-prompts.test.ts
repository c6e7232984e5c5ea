// Prompts from a chat model, with a fake model function: what it is asked (draft, file, the code around the
// reference), which answers are used (cleaned, style appended) and which keep the draft (errors, empty, essays,
// generic text), the cap per batch, and that the written prompts reach the plan's items in order.
import { strict as assert } from 'node:assert';
import { chatPromptRequest, planPlaceholders, readChatAnswer, writePromptsWithModel } from '../../../src/core/placeholders';
import { memoryReader, ProjectModel } from '../../../src/core/project';

describe('placeholders: prompts written by a chat model (fake model)', () => {
  it('asks with the draft, the file and the code around the reference, bounded', () => {
    const text = `${'x'.repeat(2000)}<h2>Our harbour</h2><img src="img/boats.png">${'y'.repeat(2000)}`;
    const at = text.indexOf('img/boats.png');
    const request = chatPromptRequest({ prompt: 'placeholder image, Our harbour', relative: 'site/img/boats.png', at }, text);
    assert.match(request, /The image file: site\/img\/boats\.png\. Draft prompt: placeholder image, Our harbour\./);
    assert.ok(request.includes('<h2>Our harbour</h2><img src="img/boats.png">'));
    assert.ok(request.length < 700 + 300 + 600, `request of ${request.length} characters`);
  });

  it('reads one prompt out of an answer: label, quotes and sizes removed; essays and generic text refused', () => {
    assert.equal(readChatAnswer('Prompt: "Fishing boats moored in a small harbour at dawn, soft mist, 1200x630"'), 'Fishing boats moored in a small harbour at dawn, soft mist');
    assert.equal(readChatAnswer('  Boats at dawn\n\nI hope this helps! Let me know.'), 'Boats at dawn');
    assert.equal(readChatAnswer(`A ${'very '.repeat(100)}long answer`), undefined);
    assert.equal(readChatAnswer('""'), undefined);
    assert.equal(readChatAnswer('image'), undefined);
    assert.equal(readChatAnswer(undefined), undefined);
  });

  it('uses the answers that work, keeps the drafts otherwise, appends the style, caps the batch', async () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((n, i) => ({ prompt: `draft ${n}`, relative: `img/${n}.png`, at: i, id: n }));
    const asked: string[] = [];
    const ask = async (request: string) => {
      asked.push(request);
      if (request.includes('img/a.png')) return 'A lighthouse on a rocky coast at dusk';
      if (request.includes('img/b.png')) throw new Error('model unavailable');
      if (request.includes('img/c.png')) return '';
      return 'Sure! Here is the prompt: a long answer that goes on and on. '.repeat(20);
    };
    const written = await writePromptsWithModel(items, ask, { textOf: () => 'page text', style: 'flat vector illustration', max: 4 });
    assert.deepEqual(written.map((w) => [w.id, w.prompt]), [
      ['a', 'A lighthouse on a rocky coast at dusk, flat vector illustration'],
      ['b', 'draft b'],
      ['c', 'draft c'],
      ['d', 'draft d'],
      ['e', 'draft e'],
    ]);
    assert.equal(asked.length, 4, 'the fifth item is past the cap and not asked');
  });

  it('the written prompts replace the drafts of a real plan, item by item', async () => {
    const page = '<h1>Cabins</h1>\n<img src="/cabin.jpg" alt="cabin">\n<img src="/lake.jpg">\n';
    const files = { '/w/package.json': '{"dependencies":{"next":"15"}}', '/w/app/page.tsx': page };
    const reader = memoryReader(files);
    const plan = await planPlaceholders([{ path: '/w/app/page.tsx', text: page, languageId: 'typescriptreact' }], { model: new ProjectModel(reader, '/w'), reader, sizing: { exact: true } });
    const items = plan.items.map((item) => ({ ...item, at: item.references[0]!.reference.range.start }));
    const written = await writePromptsWithModel(items, async (request) => (request.includes('public/lake.jpg') ? 'A still mountain lake under morning fog' : undefined), { textOf: () => page });
    assert.deepEqual(written.map((w) => [w.relative, w.prompt === plan.items.find((i) => i.relative === w.relative)!.prompt]), [
      ['public/cabin.jpg', true],
      ['public/lake.jpg', false],
    ]);
    assert.equal(written[1]!.prompt, 'A still mountain lake under morning fog');
  });
});
