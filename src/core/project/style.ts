// A style to propose when `pruna.placeholders.style` is not set, taken from the project itself: its Tailwind theme
// colours (tailwind.config.* `theme.extend.colors` / `theme.colors`, or Tailwind 4's `@theme { --color-*: … }`) or
// the colour custom properties of its main stylesheet. Only literal colours count; nothing is proposed without them.
import { isObject, readJsConfig, type StaticValue } from './literal';
import type { ProjectReader } from './reader';
import type { Project } from './types';

const TAILWIND = ['tailwind.config.ts', 'tailwind.config.js', 'tailwind.config.mjs', 'tailwind.config.cjs'];
const STYLESHEETS = [
  'app/globals.css', 'src/app/globals.css', 'styles/globals.css', 'src/styles/globals.css', 'src/index.css', 'src/app.css',
  'src/styles/global.css', 'src/styles/main.css', 'assets/css/main.css', 'app/assets/css/main.css', 'src/css/custom.css',
  'docs/.vitepress/theme/style.css', '.vitepress/theme/style.css', 'assets/main.css', 'src/assets/main.css', 'static/css/style.css', 'css/style.css',
];

export interface StyleProposal {
  readonly style: string;
  /** Where the colours came from (`tailwind.config.ts theme.extend.colors`). */
  readonly source: string;
}

export async function proposeStyle(reader: ProjectReader, project: Project): Promise<StyleProposal | undefined> {
  for (const name of TAILWIND) {
    const text = await reader.readText(`${project.root}/${name}`);
    if (text === undefined) continue;
    const config = readJsConfig(text);
    const theme = isObject(config) && isObject(config.theme) ? config.theme : undefined;
    const colours = [...literalColours(isObject(theme?.extend) ? theme.extend.colors : undefined), ...literalColours(theme?.colors)];
    const style = describePalette(colours);
    if (style) return { style, source: `${name} theme colours` };
  }
  for (const name of STYLESHEETS) {
    const text = await reader.readText(`${project.root}/${name}`);
    if (text === undefined) continue;
    const colours = [...text.matchAll(/--(?:color-)?[\w-]*?(?:primary|secondary|accent|brand|background|foreground|main|highlight|color-[\w-]+)[\w-]*\s*:\s*(#[0-9a-f]{3,8})\b/gi)].map((m) => m[1]!);
    const style = describePalette(colours);
    if (style) return { style, source: `colour custom properties in ${name}` };
  }
  return undefined;
}

function literalColours(value: StaticValue | undefined, depth = 0): string[] {
  if (depth > 3 || value === undefined) return [];
  if (typeof value === 'string') return /^#[0-9a-f]{3,8}$/i.test(value) ? [value] : [];
  if (Array.isArray(value)) return [];
  if (!isObject(value)) return [];
  // A scale ({ 50: …, 500: …, 900: … }) is named by its middle shade.
  const middle = value['500'] ?? value.DEFAULT;
  if (typeof middle === 'string' && /^#/.test(middle)) return [middle];
  return Object.values(value).flatMap((v) => literalColours(v, depth + 1));
}

/** "flat illustration, soft palette of teal, amber and slate" from up to three distinct colour names. */
export function describePalette(colours: readonly string[]): string | undefined {
  const names: string[] = [];
  let saturation = 0;
  let counted = 0;
  for (const colour of colours) {
    const hsl = toHsl(colour);
    if (!hsl) continue;
    const name = colourName(hsl);
    if (!names.includes(name)) names.push(name);
    if (hsl.l > 0.1 && hsl.l < 0.9) {
      saturation += hsl.s;
      counted++;
    }
    if (names.length === 3) break;
  }
  if (names.length === 0) return undefined;
  const mood = counted > 0 && saturation / counted < 0.45 ? 'muted' : 'vibrant';
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `flat illustration, ${mood} palette of ${list}`;
}

function toHsl(hex: string): { h: number; s: number; l: number } | undefined {
  let digits = hex.slice(1);
  if (digits.length === 3 || digits.length === 4) digits = [...digits.slice(0, 3)].map((d) => d + d).join('');
  if (digits.length !== 6 && digits.length !== 8) return undefined;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  const s = d === 0 ? 0 : d / (1 - Math.abs(2 * l - 1));
  let h = 0;
  if (d !== 0) {
    if (max === r) h = 60 * (((g - b) / d) % 6);
    else if (max === g) h = 60 * ((b - r) / d + 2);
    else h = 60 * ((r - g) / d + 4);
  }
  return { h: (h + 360) % 360, s, l };
}

function colourName({ h, s, l }: { h: number; s: number; l: number }): string {
  if (l < 0.12) return 'near-black';
  if (l > 0.93) return 'off-white';
  if (s < 0.15) return l < 0.5 ? 'slate' : 'grey';
  const hues: [number, string][] = [[15, 'red'], [40, 'orange'], [55, 'amber'], [70, 'yellow'], [150, 'green'], [185, 'teal'], [200, 'cyan'], [240, 'blue'], [270, 'indigo'], [300, 'violet'], [335, 'pink'], [360, 'red']];
  const base = hues.find(([limit]) => h < limit)?.[1] ?? 'red';
  return l < 0.3 ? `deep ${base}` : l > 0.75 ? `pale ${base}` : base;
}
