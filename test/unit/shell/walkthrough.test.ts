// The walkthrough is part of the manifest: every step's media must exist in the package and every button must run a
// command that exists, or a new user's first minutes start with a broken picture or a dead button.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Step {
  id: string;
  description: string;
  media: { image?: string | Record<string, string>; markdown?: string; altText?: string };
  completionEvents?: string[];
}

const root = process.cwd();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { walkthroughs: { id: string; steps: Step[] }[]; commands: { command: string }[] };
};
// Texts are %keys% of package.nls.json (localisation); read them as English.
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const text = (value: string) => (/^%.+%$/.test(value) ? nls[value.slice(1, -1)] ?? value : value);
const steps = manifest.contributes.walkthroughs.flatMap((w) => w.steps).map((step) => ({
  ...step,
  description: text(step.description),
  media: { ...step.media, ...(step.media.altText ? { altText: text(step.media.altText) } : {}) },
}));
const ownCommands = new Set(manifest.contributes.commands.map((c) => c.command));

describe('the Get started walkthrough in the manifest', () => {
  it('has media that exists for every step, and alt text for every image', () => {
    assert.ok(steps.length >= 5);
    for (const step of steps) {
      const files = [step.media.markdown, ...(typeof step.media.image === 'object' ? Object.values(step.media.image) : [step.media.image])].filter(Boolean) as string[];
      assert.ok(files.length > 0, `${step.id} has media`);
      for (const file of files) assert.ok(existsSync(join(root, file)), `${step.id}: ${file} exists`);
      if (step.media.image) assert.ok(step.media.altText && step.media.altText.length > 10, `${step.id} describes its image`);
      assert.ok(files.every((f) => f.startsWith('media/') && !f.startsWith('media/screenshots/')), `${step.id}: media ships in the package (media/, not media/screenshots/)`);
    }
  });

  it('links only to commands that exist, and completes on the command its button runs', () => {
    for (const step of steps) {
      const links = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]!);
      assert.ok(links.length > 0, `${step.id} has a button`);
      for (const id of links) if (id.startsWith('pruna.')) assert.ok(ownCommands.has(id), `${step.id} links to ${id}, which the manifest contributes`);
      assert.ok(step.completionEvents?.some((e) => links.some((id) => e === `onCommand:${id}`)), `${step.id} is ticked off by its own button`);
    }
  });
});
