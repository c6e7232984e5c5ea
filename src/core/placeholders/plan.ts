// The plan for "Generate Missing Images": every reference of the given documents, resolved by the project model,
// grouped by target file; those whose file exists (at the target or anywhere else the framework serves it from) drop
// out, ambiguous ones are reported with their candidates instead of being filled. Generates nothing; the dry run and
// the interactive list both show this plan.
import { getModel } from '../catalog';
import type { ProjectModel } from '../project/model';
import type { ProjectReader } from '../project/reader';
import type { ReferenceForm } from '../project/types';
import { placeholderLanguage, scanDocument } from './find';
import { fileFormatOf, type FileFormat } from './ico';
import { derivePrompt } from './prompt';
import { resolveImageReference, workspaceRelative, type Candidate } from './resolve';
import { placeholderSeed } from './seed';
import { chooseSize, type SizeChoice, type SizeOptions } from './size';
import type { ImageReference } from './types';

export const PLACEHOLDER_MODEL = 'p-image';

export interface PlanDocument {
  /** URI path of the document. */
  readonly path: string;
  readonly text: string;
  readonly languageId: string;
}

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface PlanReference {
  readonly document: string;
  readonly range: { readonly start: Position; readonly end: Position };
  readonly reference: ImageReference;
}

export interface PlanItem {
  /** URI path of the file to generate. */
  readonly target: string;
  /** `target` relative to the workspace folder. */
  readonly relative: string;
  readonly references: readonly PlanReference[];
  readonly prompt: string;
  readonly size: SizeChoice;
  readonly seed: number;
  readonly resolution: { readonly form: ReferenceForm; readonly root: string; readonly rule: string };
  /** How the file is made when its extension does not simply say it: `.ico` is a PNG in an ICO; `.svg` cannot be. */
  readonly format?: FileFormat;
}

export interface AmbiguousReference extends PlanReference {
  readonly candidates: readonly Candidate[];
  readonly reason: string;
}

export interface SkippedReference extends PlanReference {
  readonly reason: string;
}

export interface Plan {
  readonly items: readonly PlanItem[];
  readonly ambiguous: readonly AmbiguousReference[];
  readonly skipped: readonly SkippedReference[];
  /** References whose file exists (at the target or another folder the framework serves). */
  readonly existing: number;
}

export interface PlanOptions {
  readonly model: ProjectModel;
  readonly reader: ProjectReader;
  readonly sizing: SizeOptions;
  /** `pruna.placeholders.style`. */
  readonly style?: string;
  /** The references of a document (the shell passes its cached, deadline-bound scan); default: a capped scan. */
  readonly referencesOf?: (document: PlanDocument) => readonly ImageReference[];
  /** Awaited between documents (the shell lets the extension host serve others: setImmediate). */
  readonly between?: () => Promise<void>;
}

function defaultReferences(document: PlanDocument): readonly ImageReference[] {
  const language = placeholderLanguage(document.languageId, document.path);
  return language ? scanDocument(document.text, language).references : [];
}

export async function planPlaceholders(documents: readonly PlanDocument[], options: PlanOptions): Promise<Plan> {
  const { model, reader } = options;
  const workspaceRoot = model.workspaceRoot;
  const byTarget = new Map<string, { item: PlanItem; described: boolean }>();
  const ambiguous: AmbiguousReference[] = [];
  const skipped: SkippedReference[] = [];
  const checked = new Map<string, Promise<boolean>>();
  const exists = (path: string) => {
    let known = checked.get(path);
    if (!known) {
      known = reader.exists(path);
      checked.set(path, known);
    }
    return known;
  };
  let existing = 0;
  for (const [index, document] of documents.entries()) {
    if (index > 0 && options.between) await options.between();
    const references = (options.referencesOf ?? defaultReferences)(document);
    if (references.length === 0) continue;
    const project = await model.projectOf(document.path);
    const lines = lineStarts(document.text);
    for (const reference of references) {
      const at: PlanReference = { document: document.path, range: { start: position(lines, reference.range.start), end: position(lines, reference.range.end) }, reference };
      const resolution = resolveImageReference(project, document.path, reference, workspaceRoot);
      if (resolution.status === 'skip') {
        skipped.push({ ...at, reason: resolution.reason });
        continue;
      }
      if (resolution.status === 'ambiguous') {
        const found = await anyExists(resolution.candidates.map((c) => c.target), exists);
        if (found) existing++;
        else ambiguous.push({ ...at, candidates: resolution.candidates, reason: resolution.reason });
        continue;
      }
      const known = byTarget.get(resolution.target);
      if (known) {
        // The first reference that says something (alt, size) describes the file; the others are only updated.
        const better = !known.described && hasDescription(reference);
        const item = better ? describe(resolution, at, document.text, project.title, options) : known.item;
        const refs = better ? [at, ...known.item.references] : [...known.item.references, at];
        byTarget.set(resolution.target, { item: { ...item, references: refs }, described: known.described || better });
        continue;
      }
      if (await anyExists([resolution.target, ...resolution.alternatives.map((a) => a.target)], exists)) {
        existing++;
        continue;
      }
      byTarget.set(resolution.target, { item: describe(resolution, at, document.text, project.title ?? project.description, options), described: hasDescription(reference) });
    }
  }
  return { items: [...byTarget.values()].map((v) => v.item), ambiguous, skipped, existing };

  function describe(resolution: { target: string; form: ReferenceForm; root: string; rule: string }, at: PlanReference, text: string, siteTitle: string | undefined, o: PlanOptions): PlanItem {
    const relative = workspaceRelative(resolution.target, workspaceRoot);
    const format = fileFormatOf(resolution.target);
    return {
      target: resolution.target,
      relative,
      references: [at],
      prompt: derivePrompt(at.reference, { text, ...(siteTitle ? { siteTitle } : {}), ...(o.style ? { style: o.style } : {}) }),
      size: chooseSize(getModel(PLACEHOLDER_MODEL), at.reference, o.sizing),
      seed: placeholderSeed(relative),
      resolution: { form: resolution.form, root: resolution.root, rule: resolution.rule },
      ...(format ? { format } : {}),
    };
  }
}

async function anyExists(paths: readonly string[], exists: (path: string) => Promise<boolean>): Promise<boolean> {
  for (const path of paths) if (await exists(path)) return true;
  return false;
}

function hasDescription(reference: ImageReference): boolean {
  return Boolean(reference.alt) || reference.width !== undefined || reference.height !== undefined || reference.aspectRatio !== undefined;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(starts: readonly number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low, character: offset - starts[low]! };
}
