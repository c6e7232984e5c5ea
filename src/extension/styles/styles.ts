// Named LoRA styles in .pruna/styles.json (JSON schema: media/schemas/styles.schema.json, wired to the file by
// contributes.jsonValidation). A style says where the weights are, how strongly they apply, a trigger word and which
// -lora models take it; generating "in style X" runs the matching -lora model. Tokens are never stored here.
import * as vscode from 'vscode';
import * as z from 'zod';
import { PrunaError, getModel, isHuggingFaceRef, type ModelId } from '../../core';

export const STYLES_FILE = '.pruna/styles.json';

const LoraModel = z.enum(['p-image-lora', 'p-image-edit-lora']);

export const StyleSchema = z.strictObject({
  name: z.string().min(1).max(80),
  weights: z.string().min(1),
  scale: z.number().min(-1).max(3).optional(),
  trigger: z.string().optional(),
  models: z.array(LoraModel).min(1).optional(),
  private: z.boolean().optional(),
  draft: z.boolean().optional(),
  localWeights: z.string().optional(),
});
export type Style = z.infer<typeof StyleSchema>;

export const StylesFileSchema = z.strictObject({ $schema: z.string().optional(), styles: z.array(StyleSchema) });
export type StylesFile = z.infer<typeof StylesFileSchema>;

function fileUri(folder: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(folder, ...STYLES_FILE.split('/'));
}

export async function readStyles(folder: vscode.Uri): Promise<StylesFile> {
  let text: string;
  try {
    text = Buffer.from(await vscode.workspace.fs.readFile(fileUri(folder))).toString('utf8');
  } catch {
    return { styles: [] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PrunaError('invalid-input', vscode.l10n.t('{0} is not valid JSON ({1}).', STYLES_FILE, e instanceof Error ? e.message : String(e)), { hint: 'check-input' });
  }
  const parsed = StylesFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PrunaError('invalid-input', vscode.l10n.t('{0}: {1} {2}.', STYLES_FILE, issue?.path.join('.') || vscode.l10n.t('(file)'), issue?.message ?? vscode.l10n.t('is invalid')), { hint: 'check-input' });
  }
  return parsed.data;
}

/** Adds a style (a name already taken gets a number) and returns the name it was saved under. */
export async function addStyle(folder: vscode.Uri, style: Style): Promise<string> {
  const file = await readStyles(folder);
  let name = style.name;
  for (let n = 2; file.styles.some((s) => s.name === name); n++) name = `${style.name} ${n}`;
  // The schema is applied by the extension (contributes.jsonValidation), so the file needs no $schema of its own.
  const next: StylesFile = { ...(file.$schema ? { $schema: file.$schema } : {}), styles: [...file.styles, { ...style, name }] };
  await vscode.workspace.fs.writeFile(fileUri(folder), Buffer.from(`${JSON.stringify(next, null, 2)}\n`, 'utf8'));
  return name;
}

export async function findStyle(name: string): Promise<Style> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const styles = folder ? (await readStyles(folder)).styles : [];
  const style = styles.find((s) => s.name.toLowerCase() === name.trim().toLowerCase());
  if (!style) {
    throw new PrunaError('invalid-input', styles.length ? vscode.l10n.t('No style "{0}" in {1} (styles: {2}).', name, STYLES_FILE, styles.map((s) => s.name).join(', ')) : vscode.l10n.t('No style "{0}" in {1}.', name, STYLES_FILE), { fields: ['style'], hint: 'check-input' });
  }
  if (style.draft) {
    throw new PrunaError('invalid-input', vscode.l10n.t('Style "{0}" is a draft: publish its weights ({1}) where the LoRA models can read them, set "weights" to that place, and remove "draft".', style.name, style.localWeights ?? vscode.l10n.t('the trained zip')), { fields: ['style'], hint: 'check-input' });
  }
  return style;
}

/**
 * The -lora model for a base model in this style (p-image -> p-image-lora, p-image-edit -> p-image-edit-lora), with
 * the style's weights, scale and trigger word. Explicit: the user asked for the style, and the model id says so.
 */
export function applyStyle(style: Style, model: ModelId, prompt: string, params: Record<string, unknown>): { model: ModelId; prompt: string; params: Record<string, unknown> } {
  const spec = getModel(model);
  const lora = spec.loraOf ? spec.id : (['p-image-lora', 'p-image-edit-lora'] as const).find((id) => getModel(id).loraOf === spec.id);
  const allowed = style.models ?? ['p-image-lora'];
  if (!lora || !allowed.includes(lora as (typeof allowed)[number])) {
    throw new PrunaError('invalid-input', vscode.l10n.t('Style "{0}" applies to {1}, not to {2}.', style.name, allowed.join(', '), model), { fields: ['style'], hint: 'check-input' });
  }
  const trigger = style.trigger?.trim();
  return {
    model: lora as ModelId,
    prompt: trigger && !prompt.toLowerCase().includes(trigger.toLowerCase()) ? `${trigger}, ${prompt}` : prompt,
    params: { ...params, lora_weights: style.weights, ...(style.scale !== undefined ? { lora_scale: style.scale } : {}) },
  };
}

/**
 * A style marked `"private": true` whose weights are on huggingface.co needs the Hugging Face token: without one
 * stored, refuse before anything is sent (the model would only fail on the weights, after the request).
 */
export async function assertStyleReadable(style: Style, hfToken: () => Promise<string | undefined>): Promise<void> {
  if (!style.private || !isHuggingFaceRef(style.weights) || (await hfToken())) return;
  throw new PrunaError(
    'invalid-input',
    vscode.l10n.t('Style "{0}" uses private weights on Hugging Face ({1}): set your Hugging Face token first with "Pruna: Set Hugging Face Token". It is kept in secret storage and sent only to the P-API.', style.name, style.weights),
    { fields: ['style'], hint: 'check-input' },
  );
}
