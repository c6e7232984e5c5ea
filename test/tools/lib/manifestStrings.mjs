// The strings of package.json that VS Code shows to people, and the %key% each one is localised under.
// One walker for both the tool that moves new literals into package.nls.json (test/tools/nls.mjs) and the unit test
// that fails on a literal left behind or a key without a translation.

const CONFIG_FIELDS = ['title', 'description', 'markdownDescription', 'patternErrorMessage', 'deprecationMessage', 'markdownDeprecationMessage'];
const CONFIG_ARRAYS = ['enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels'];

/**
 * Calls visit(holder, field, key) for every localisable string of the manifest: holder[field] is the string (or the
 * %key% it was replaced with), key is the stable key it belongs under.
 */
export function walkManifestStrings(manifest, visit) {
  visit(manifest, 'displayName', 'displayName');
  visit(manifest, 'description', 'description');
  const c = manifest.contributes ?? {};
  const caps = manifest.capabilities ?? {};
  if (caps.untrustedWorkspaces?.description) visit(caps.untrustedWorkspaces, 'description', 'capabilities.untrustedWorkspaces.description');
  if (caps.virtualWorkspaces?.description) visit(caps.virtualWorkspaces, 'description', 'capabilities.virtualWorkspaces.description');
  for (const command of c.commands ?? []) {
    const id = command.command.replace(/^pruna\./, '');
    visit(command, 'title', `command.${id}.title`);
    if (command.category) visit(command, 'category', 'command.category');
    if (command.shortTitle) visit(command, 'shortTitle', `command.${id}.shortTitle`);
  }
  for (const configuration of [c.configuration ?? []].flat()) {
    if (configuration.title) visit(configuration, 'title', 'configuration.title');
    for (const [name, property] of Object.entries(configuration.properties ?? {})) {
      const id = name.replace(/^pruna\./, '');
      for (const field of CONFIG_FIELDS) if (typeof property[field] === 'string') visit(property, field, `config.${id}.${field}`);
      for (const field of CONFIG_ARRAYS) {
        if (Array.isArray(property[field])) property[field].forEach((_, i) => visit(property[field], i, `config.${id}.${field}.${i}`));
      }
    }
  }
  for (const walkthrough of c.walkthroughs ?? []) {
    visit(walkthrough, 'title', `walkthrough.${walkthrough.id}.title`);
    visit(walkthrough, 'description', `walkthrough.${walkthrough.id}.description`);
    for (const step of walkthrough.steps ?? []) {
      const base = `walkthrough.${walkthrough.id}.${step.id}`;
      visit(step, 'title', `${base}.title`);
      visit(step, 'description', `${base}.description`);
      if (step.media?.altText) visit(step.media, 'altText', `${base}.altText`);
    }
  }
  for (const tool of c.languageModelTools ?? []) {
    // modelDescription is read by the language model, not by people: it stays English.
    for (const field of ['displayName', 'userDescription']) {
      if (typeof tool[field] === 'string') visit(tool, field, `tool.${tool.name}.${field}`);
    }
  }
  for (const submenu of c.submenus ?? []) if (submenu.label) visit(submenu, 'label', `submenu.${submenu.id}.label`);
}

export const isKeyRef = (value) => typeof value === 'string' && /^%[^%\s]+%$/.test(value);
