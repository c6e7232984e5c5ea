// The project model: for a document, its project root, framework(s), served folders and aliases, read from configs
// as data through an injected reader. No IO of its own.
export { ProjectModel, aliasEntries } from './model';
export { memoryReader, type ProjectReader } from './reader';
export { proposeStyle } from './style';
export { FRAMEWORK_NAMES, type Alias, type FrameworkId, type Project, type ReferenceForm, type ServedFolder } from './types';
export { Computed, ConfigPath, readJsConfig, readJsonc, type StaticValue } from './literal';
