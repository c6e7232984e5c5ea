// The first candidate of a srcset ("a.png 800w, b.png 1600w" -> a.png, 800w): the one a placeholder stands for.

export interface SrcsetCandidate {
  readonly url: string;
  /** Offset of `url` inside the srcset text. */
  readonly offset: number;
  readonly widthDescriptor?: number;
  readonly densityDescriptor?: number;
}

// Sticky patterns read the srcset in place (no slice of the rest per step).
const LEAD = /[\s,]*/y;
const URL_TEXT = /\S+/y;
const DESCRIPTOR = /\s+([^,\s]+)/y;

export function firstSrcsetCandidate(srcset: string): SrcsetCandidate | undefined {
  LEAD.lastIndex = 0;
  LEAD.exec(srcset);
  const lead = LEAD.lastIndex;
  URL_TEXT.lastIndex = lead;
  const urlMatch = URL_TEXT.exec(srcset);
  if (!urlMatch) return undefined;
  let url = urlMatch[0];
  let descriptor: string | undefined;
  if (url.endsWith(',')) {
    // "a.png, b.png 2x": a URL ending in commas has no descriptor.
    url = url.replace(/,+$/, '');
  } else {
    DESCRIPTOR.lastIndex = lead + url.length;
    descriptor = DESCRIPTOR.exec(srcset)?.[1];
  }
  const candidate: { -readonly [K in keyof SrcsetCandidate]: SrcsetCandidate[K] } = { url, offset: lead };
  if (descriptor === undefined) return candidate;
  const width = /^(\d+)w$/.exec(descriptor);
  if (width) candidate.widthDescriptor = Number(width[1]);
  const density = /^(\d+(?:\.\d+)?)x$/.exec(descriptor);
  if (density) candidate.densityDescriptor = Number(density[1]);
  return candidate;
}
