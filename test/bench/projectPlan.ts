// Placeholders on the real-world corpus (test/fixtures/realworld): recall of the deleted images, wrong paths
// proposed, and the time to scan (detectors only) and to plan (detect + project model + resolve + existence checks).
import { findImageReferences, planPlaceholders } from '../../src/core/placeholders';
import { ProjectModel } from '../../src/core/project';
import { loadCorpus, WORKSPACE } from '../unit/project/corpus';

type Row = [metric: string, measured: string, target: string];

export async function projectPlanBench(quick: boolean): Promise<{ rows: Row[]; json: Record<string, number> }> {
  const corpus = loadCorpus();
  let found = 0;
  let deleted = 0;
  let wrong = 0;
  for (const project of corpus) {
    const plan = await planPlaceholders(project.documents, { model: new ProjectModel(project.reader, WORKSPACE), reader: project.reader, sizing: { exact: false } });
    const targets = new Set(plan.items.map((i) => i.target));
    deleted += project.deleted.length;
    found += project.deleted.filter((d) => targets.has(d.target)).length;
    wrong += [...targets].filter((t) => !project.deleted.some((d) => d.target === t)).length;
  }
  const megabytes = corpus.reduce((sum, p) => sum + p.bytes, 0) / (1024 * 1024);
  const rounds = quick ? 20 : 200;
  const scanStart = performance.now();
  for (let round = 0; round < rounds; round++) for (const project of corpus) for (const d of project.documents) findImageReferences(d.text, d.languageId);
  const scanMsPerMb = (performance.now() - scanStart) / rounds / megabytes;
  const planStart = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const project of corpus) await planPlaceholders(project.documents, { model: new ProjectModel(project.reader, WORKSPACE), reader: project.reader, sizing: { exact: false } });
  }
  const planMsPerMb = (performance.now() - planStart) / rounds / megabytes;
  const recall = deleted ? found / deleted : 0;
  const r = (x: number, d = 3) => Number(x.toFixed(d));
  return {
    rows: [
      ['corpusRecall', `${r(recall)} (${found} of ${deleted} deleted images, ${corpus.length} projects, ${r(megabytes * 1024, 1)} KB of documents)`, '= 1'],
      ['corpusWrongPaths', `${wrong}`, '= 0'],
      ['scanMsPerMb', `${r(scanMsPerMb, 1)}`, 'info'],
      ['planMsPerMb', `${r(planMsPerMb, 1)} (fresh project model each round)`, 'info'],
    ],
    json: { corpusRecall: r(recall), corpusWrongPaths: wrong, scanMsPerMb: r(scanMsPerMb, 1), planMsPerMb: r(planMsPerMb, 1) },
  };
}
