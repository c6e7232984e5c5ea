// The code action's command: one missing reference -> prompt (editable) -> one generation saved at the referenced
// path, with a cancellable progress notification; a different returned type is saved under its own extension and
// the reference update is offered.
import * as vscode from 'vscode';
import { chooseModelForText } from '../commands/textRouting';
import * as z from 'zod';
import { findImageReferences, imageReferenceSchema } from '../../core/placeholders';
import type { PrunaServices } from '../services';
import { showError } from '../ui/showError';
import type { GenerateOneArgs } from './codeActions';
import { offerReferenceUpdate, savedUnderOtherExtension } from './referenceEdits';
import { exists } from '../fileSystem';
import { PLACEHOLDER_MODEL, placeholderFromCandidate, scanDocuments, targetOf, type FoundReference, type Placeholder } from './scan';
import { confirmPrompt, placeholderStyle, sizing } from './settings';

const ReferenceSchema = imageReferenceSchema;
const ArgsSchema = z.object({ document: z.string().min(1), reference: ReferenceSchema });

export async function generateOne(services: PrunaServices, value: unknown): Promise<vscode.Uri[]> {
  const parsed = ArgsSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(vscode.l10n.t('"Generate placeholder with Pruna" runs from the lightbulb on an image reference; it got no reference to fill.'));
  }
  const args: GenerateOneArgs = parsed.data;
  const documentUri = vscode.Uri.parse(args.document);
  const resolved = await targetOf(documentUri, args.reference);
  if (!resolved) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Pruna: no placeholder is made for {0}: it points outside the workspace folder, the project cannot say for sure where it points, or the image exists in another folder the site serves.', args.reference.rawPath));
    return [];
  }
  if (await exists(resolved.target)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Pruna: {0} exists already; nothing to generate.', resolved.relative));
    return [resolved.target];
  }
  const placeholder = await placeholderAt(documentUri, args.reference, resolved, sizing(services, documentUri), placeholderStyle(documentUri));
  let prompt = placeholder.prompt;
  if (confirmPrompt(documentUri)) {
    const edited = await vscode.window.showInputBox({
      title: vscode.l10n.t('Pruna: placeholder for {0}', resolved.relative),
      value: prompt,
      prompt: vscode.l10n.t('Size: {0}. Seed {1} (from the path, so it can be made again). Path: {2}.', placeholder.size.explanation, placeholder.seed, resolved.rule),
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Describe the image to generate.')),
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

/** The document's plan entry for the target (prompt from its context, every reference to the same file). */
async function placeholderAt(documentUri: vscode.Uri, reference: GenerateOneArgs['reference'], resolved: { target: vscode.Uri; relative: string; rule: string }, sizes: ReturnType<typeof sizing>, style: string | undefined): Promise<Placeholder> {
  const document = await vscode.workspace.openTextDocument(documentUri);
  const scan = await scanDocuments([{ uri: documentUri, text: document.getText(), languageId: document.languageId }], sizes, style);
  const found = scan.placeholders.find((p) => p.target.toString() === resolved.target.toString());
  if (found) return found;
  // The text changed since the lightbulb was shown: describe the reference as it was.
  const range = new vscode.Range(document.positionAt(reference.range.start), document.positionAt(reference.range.end));
  return placeholderFromCandidate({ document: documentUri, reference, range, reason: '', candidates: [] }, { target: resolved.target, relative: resolved.relative, rule: resolved.rule }, document.getText(), sizes, style);
}

/** Every reference in the document to the same file, so an update leaves none pointing at the old name. */
async function sameTargetReferences(documentUri: vscode.Uri, target: vscode.Uri): Promise<FoundReference[]> {
  const document = await vscode.workspace.openTextDocument(documentUri);
  const result: FoundReference[] = [];
  for (const reference of findImageReferences(document.getText(), document.languageId)) {
    if ((await targetOf(documentUri, reference))?.target.toString() === target.toString()) result.push({ document: documentUri, reference });
  }
  return result;
}
