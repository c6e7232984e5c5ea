// Registers the shell's commands. Each handler returns what its argument-object form promises (a saved Uri, an array
// for variations, the inserted text), so keybindings, tasks and other extensions can chain on it.
import * as vscode from 'vscode';
import { clearApiKey, clearHfToken, setApiKey, setHfToken } from './keys';
import { editImage } from './edit';
import { generateImage, generateVariations, generateVideo } from './generate';
import { insertReferenceCommand } from './insert';
import { regenerate } from './regenerate';
import { resumeJob } from './resumeJob';
import { runModel } from './run';
import { trainStyle } from './train';
import { upscale } from './upscale';
import { showJobs } from './showJobs';
import type { CommandDeps } from './deps';

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const command = (id: string, handler: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, handler);
  return [
    command('pruna.setApiKey', (arg) => setApiKey(deps, arg)),
    command('pruna.clearApiKey', () => clearApiKey(deps)),
    command('pruna.setHuggingFaceToken', (arg) => setHfToken(deps, arg)),
    command('pruna.clearHuggingFaceToken', () => clearHfToken(deps)),
    command('pruna.generateImage', (arg) => generateImage(deps, arg)),
    command('pruna.generateVariations', (arg) => generateVariations(deps, arg)),
    command('pruna.generateVideo', (arg) => generateVideo(deps, arg)),
    command('pruna.editImage', (arg, selection) => editImage(deps, arg, selection)),
    command('pruna.editWithPruna', (arg, selection) => editImage(deps, arg, selection)),
    command('pruna.regenerate', (arg) => regenerate(deps, arg)),
    command('pruna.showJobs', () => showJobs(deps)),
    command('pruna.resumeJob', (arg) => resumeJob(deps, arg)),
    command('pruna.run', (arg) => runModel(deps, arg)),
    command('pruna.upscale', (arg) => upscale(deps, arg)),
    command('pruna.trainStyle', (arg, selection) => trainStyle(deps, arg, selection)),
    command('pruna.insertReference', (arg) => insertReferenceCommand(deps, arg)),
  ];
}
