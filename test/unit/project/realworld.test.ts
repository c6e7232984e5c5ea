// The dry run on real projects (test/fixtures/realworld): every image deleted from them is found at exactly its path
// with the size the code gives, and nothing that exists anywhere the framework serves it from is proposed.
import { strict as assert } from 'node:assert';
import { planPlaceholders } from '../../../src/core/placeholders';
import { ProjectModel } from '../../../src/core/project';
import { loadCorpus, WORKSPACE } from './corpus';

describe('placeholders on real projects (dry run)', () => {
  for (const project of loadCorpus()) {
    it(`${project.name}: finds each deleted image at its path, proposes nothing that exists`, async () => {
      const model = new ProjectModel(project.reader, WORKSPACE);
      const plan = await planPlaceholders(project.documents, { model, reader: project.reader, sizing: { exact: true } });
      const proposed = plan.items.map((i) => i.target);
      for (const deleted of project.deleted) {
        const item = plan.items.find((i) => i.target === deleted.target);
        assert.ok(item, `${deleted.target} not proposed; proposed: ${proposed.join(', ')}; ambiguous: ${plan.ambiguous.map((a) => a.reference.rawPath).join(', ')}`);
        assert.ok(item.resolution.rule.length > 0);
        if (deleted.width && deleted.height) {
          const ref = item.references[0]!.reference;
          assert.deepEqual([ref.width, ref.height], [deleted.width, deleted.height], `size of ${deleted.target}`);
          // The generated size is the model's nearest (multiples of 16, within its limits): within one step of what
          // the code asks, or the explanation says what was asked and how it was scaled.
          const near = Math.abs(item.size.width! - deleted.width) <= 16 && Math.abs(item.size.height! - deleted.height) <= 16;
          assert.ok(near || item.size.explanation.includes(`${deleted.width}×${deleted.height}`), item.size.explanation);
        }
      }
      const wrong = proposed.filter((t) => !project.deleted.some((d) => d.target === t));
      assert.deepEqual(wrong, [], 'proposed paths that were not deleted (wrong paths)');
      for (const target of proposed) assert.ok(!project.existing.includes(target), `${target} exists`);
    });
  }
});
