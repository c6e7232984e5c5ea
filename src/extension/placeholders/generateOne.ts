// The code action's command: one missing reference -> prompt (editable) -> one generation saved at the referenced
// path, with a cancellable progress notification; a different returned type is saved under its own extension and
// the reference update is offered.
import * as vscode from 'vscode';
import { chooseModelForText } from '../commands/textRouting';
import * as z from 'zod';
import { findImageReferences } from '../../core/placeholders';
import type { PrunaServices } from '../services';
import { showError } from '../ui/showError';
import type { GenerateOneArgs } from './codeActions';
import { offerReferenceUpdate, savedUnderOtherExtension } from './referenceEdits';
import { exists } from '../fileSystem';
import { PLACEHOLDER_MODEL, describePlaceholder, targetOf, type FoundReference } from './scan';
import { confirmPrompt, sizing } from './settings';

const ReferenceSchema = z.object({
  path: z.string().min(1),
  rawPath: z.string().min(1),
  range: z.object({ start: z.int().nonnegative(), end: z.int().nonnegative() }),
  kind: z.enum(['markdown', 'img', 'srcset', 'css-url', 'jsx']),
  alt: z.string().optional(),
  context: z.string().optional(),
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
  aspectRatio: z.number().positive().optional(),
});
const ArgsSchema = z.object({ document: z.string().min(1), reference: ReferenceSchema });

export async function generateOne(services: PrunaServices, value: unknown): Promise<vscode.Uri[]> {
  const parsed = ArgsSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error('"Generate placeholder with Pruna" runs from the lightbulb on an image reference; it got no reference to fill.');
  }
  const args: GenerateOneArgs = parsed.data;
  const documentUri = vscode.Uri.parse(args.document);
  const resolved = targetOf(documentUri, args.reference);
  if (!resolved) {
    void vscode.window.showWarningMessage(`Pruna: ${args.reference.rawPath} points outside the workspace folder, so no placeholder is made for it.`);
    return [];
  }
  if (await exists(resolved.target)) {
    void vscode.window.showInformationMessage(`Pruna: ${resolved.relative} exists already; nothing to generate.`);
    return [resolved.target];
  }
  const placeholder = describePlaceholder(documentUri, args.reference, resolved.relative, resolved.target, sizing(services, documentUri));
  let prompt = placeholder.prompt;
  if (confirmPrompt(documentUri)) {
    const edited = await vscode.window.showInputBox({
      title: `Pruna: placeholder for ${resolved.relative}`,
      value: prompt,
      prompt: `Size: ${placeholder.size.explanation}. Seed ${placeholder.seed} (from the path, so it can be made again).`,
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() ? undefined : 'Describe the image to generate.'),
    });
    if (edited === undefined) return [];
    prompt = edited.trim();
  }
  // An alt text asking for words ("logo that says ACME") is offered the text model; the user decides.
  const model = await chooseModelForText(prompt, PLACEHOLDER_MODEL);
  if (!model) return [];
  let saved: vscode.Uri[];
  try {
    saved = await services.jobs.run({
      model,
      prompt,
      params: { ...placeholder.size.params, seed: placeholder.seed },
      ...(placeholder.size.target ? { output: { width: placeholder.size.target.width, height: placeholder.size.target.height } } : {}),
      saveAs: resolved.target.toString(),
      wait: true,
    });
  } catch (e) {
    showError(e);
    return [];
  }
  const file = saved[0];
  if (file && savedUnderOtherExtension(resolved.target, file)) {
    void offerReferenceUpdate([{ references: await sameTargetReferences(documentUri, resolved.target), saved: file }]);
  }
  return saved;
}

/** Every reference in the document to the same file, so an update leaves none pointing at the old name. */
async function sameTargetReferences(documentUri: vscode.Uri, target: vscode.Uri): Promise<FoundReference[]> {
  const document = await vscode.workspace.openTextDocument(documentUri);
  return findImageReferences(document.getText(), document.languageId)
    .filter((reference) => targetOf(documentUri, reference)?.target.toString() === target.toString())
    .map((reference) => ({ document: documentUri, reference }));
}
