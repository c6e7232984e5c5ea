// Per-model prices as data: the only price table in the project (the catalog and the agent tools read it through
// estimate.ts). Figures are Pruna's published list prices as compiled in shared/pruna-api/API.md §7 and §10; they are
// estimates of a bill, never a bill, and every one carries where it came from and when that source was read.

export type PriceUnit = 'image' | 'second' | 'megapixel';

export interface PriceSource {
  /** Source tag in API.md ("S6", "S7"). */
  readonly ref: string;
  readonly title: string;
  readonly url?: string;
  /** Date of the source version the figure was read from (ISO date). */
  readonly asOf: string;
}

/** One price that applies when every `when` field of the input (defaults applied) equals the given value. */
export interface PriceRow {
  readonly when: Readonly<Record<string, string | number | boolean>>;
  /** USD per unit. */
  readonly usd: number;
  /** Short description of the row for a breakdown ("720p", "1080p draft"). */
  readonly label: string;
}

interface RuleBase {
  /** Input values the API uses when a field is not sent; only for picking a row, never sent. */
  readonly defaults?: Readonly<Record<string, string | number | boolean>>;
  /** Rows in order; the first whose `when` matches is used. No match: the price is unknown for that input. */
  readonly rows: readonly PriceRow[];
  /** Said when no row matches ("only the 'very high' thinking level has a published price"). */
  readonly noRowReason?: string;
}

export interface PerImageRule extends RuleBase {
  readonly unit: 'image';
  /** Extra charge per list item beyond the first few (p-image-try-on: each garment after the first). */
  readonly extraPerItem?: { readonly field: string; readonly included: number; readonly usd: number; readonly label: string };
}

export interface PerSecondRule extends RuleBase {
  readonly unit: 'second';
  /** Input field holding the length in seconds. */
  readonly durationField?: string;
  /** Seconds the model makes when the field is not sent; absent when the model decides or the length follows an input. */
  readonly defaultSeconds?: number;
  /** Input fields whose presence makes the length follow an input (audio, a source video) instead of durationField. */
  readonly lengthFollows?: readonly string[];
  /** How the length is decided when it cannot be read from the input ("the length of the source video"). */
  readonly lengthUnknownReason: string;
}

export interface PerMegapixelRule extends RuleBase {
  readonly unit: 'megapixel';
  /** Input field holding the output size in megapixels (an upscale target). */
  readonly megapixelsField?: string;
  readonly defaultMegapixels?: number;
  /** Otherwise the size comes from these pixel fields. */
  readonly widthField?: string;
  readonly heightField?: string;
}

export type PriceRule = PerImageRule | PerSecondRule | PerMegapixelRule;

export interface ModelPrice {
  readonly model: string;
  readonly rule: PriceRule;
  readonly source: PriceSource;
  /** Anything a user should know about how it is billed. */
  readonly note?: string;
}

const S6 = (page: string): PriceSource => ({
  ref: 'S6',
  title: `P-API model guide: ${page}`,
  url: `https://docs.api.pruna.ai/guides/models/${page}`,
  asOf: '2026-08-04',
});

const S7 = (skill: string): PriceSource => ({
  ref: 'S7',
  title: `PrunaAI/pruna-skills v1.0.13: ${skill}`,
  asOf: '2026-09-17',
});

/** The newest date any figure below was read from. */
export const PRICES_AS_OF = '2026-09-17';

export const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = {
  'p-image': {
    model: 'p-image',
    rule: { unit: 'image', rows: [{ when: {}, usd: 0.005, label: 'per image' }] },
    source: S6('p-image'),
  },
  'p-image-pro': {
    model: 'p-image-pro',
    rule: { unit: 'image', rows: [{ when: {}, usd: 0.01, label: 'per image' }] },
    source: S6('p-image-pro'),
  },
  'p-image-ideogram': {
    model: 'p-image-ideogram',
    rule: {
      unit: 'image',
      defaults: { thinking: 'high' },
      rows: [
        { when: { thinking: 'very high', image_size: '1K' }, usd: 0.033, label: 'thinking "very high", 1K' },
        { when: { thinking: 'very high', image_size: '2K' }, usd: 0.066, label: 'thinking "very high", 2K' },
      ],
      noRowReason: 'only thinking "very high" with image_size 1K ($0.033) or 2K ($0.066) has a published price',
    },
    source: S7('skills/image/p-image-ideogram/SKILL.md'),
  },
  'p-image-try-on': {
    model: 'p-image-try-on',
    rule: {
      unit: 'image',
      rows: [{ when: {}, usd: 0.015, label: 'first garment' }],
      extraPerItem: { field: 'garment_images', included: 1, usd: 0.008, label: 'each additional garment' },
    },
    source: S7('skills/image/p-image-try-on/SKILL.md'),
  },
  'p-video': {
    model: 'p-video',
    rule: {
      unit: 'second',
      durationField: 'duration',
      defaultSeconds: 5,
      lengthFollows: ['audio'],
      lengthUnknownReason: 'with audio the video is as long as the audio file',
      defaults: { resolution: '720p', draft: false },
      rows: [
        { when: { resolution: '720p', draft: false }, usd: 0.02, label: '720p' },
        { when: { resolution: '720p', draft: true }, usd: 0.005, label: '720p draft' },
        { when: { resolution: '1080p', draft: false }, usd: 0.04, label: '1080p' },
        { when: { resolution: '1080p', draft: true }, usd: 0.01, label: '1080p draft' },
      ],
    },
    source: S6('p-video'),
  },
  'p-video-2': {
    model: 'p-video-2',
    rule: {
      unit: 'second',
      durationField: 'duration',
      lengthFollows: ['audio'],
      lengthUnknownReason: 'without "duration" the model decides the length (with audio it follows the audio)',
      defaults: { resolution: '720p', draft: false },
      rows: [
        { when: { resolution: '720p', draft: false }, usd: 0.025, label: '720p' },
        { when: { resolution: '720p', draft: true }, usd: 0.015, label: '720p draft' },
        { when: { resolution: '1080p', draft: false }, usd: 0.05, label: '1080p' },
        { when: { resolution: '1080p', draft: true }, usd: 0.03, label: '1080p draft' },
      ],
    },
    source: S7('skills/video/p-video-2/SKILL.md'),
    note: 'billed per returned second',
  },
  'p-video-2-pro': {
    model: 'p-video-2-pro',
    rule: {
      unit: 'second',
      durationField: 'duration',
      defaultSeconds: 5,
      lengthUnknownReason: 'the length could not be read from the input',
      defaults: { resolution: '768p', mode: 'speed' },
      rows: [
        { when: { resolution: '480p', mode: 'speed' }, usd: 0.02, label: '480p, speed' },
        { when: { resolution: '480p', mode: 'quality' }, usd: 0.04, label: '480p, quality' },
        { when: { resolution: '768p', mode: 'speed' }, usd: 0.035, label: '768p, speed' },
        { when: { resolution: '768p', mode: 'quality' }, usd: 0.075, label: '768p, quality' },
      ],
    },
    source: S7('skills/video/p-video-2-pro/SKILL.md'),
  },
  'p-video-edit': {
    model: 'p-video-edit',
    rule: {
      unit: 'second',
      lengthFollows: ['video'],
      lengthUnknownReason: 'the output is as long as the source video (up to 15 s)',
      defaults: { draft: false },
      rows: [
        { when: { draft: false }, usd: 0.045, label: 'per second' },
        { when: { draft: true }, usd: 0.025, label: 'draft' },
      ],
    },
    source: S7('skills/video/p-video-edit/SKILL.md'),
  },
};
