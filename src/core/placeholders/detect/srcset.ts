// The first candidate of a srcset ("a.png 800w, b.png 1600w" -> a.png, 800w): the one a placeholder stands for.

export interface SrcsetCandidate {
  readonly url: string;
  /** Offset of `url` inside the srcset text. */
  readonly offset: number;
  readonly widthDescriptor?: number;
  readonly densityDescriptor?: number;
}

export function firstSrcsetCandidate(srcset: string): SrcsetCandidate | undefined {
  const lead = /^[\s,]*/.exec(srcset)![0].length;
  const urlMatch = /^\S+/.exec(srcset.slice(lead));
  if (!urlMatch) return undefined;
  let url = urlMatch[0];
  let rest = srcset.slice(lead + url.length);
  if (url.endsWith(',')) {
    // "a.png, b.png 2x": a URL ending in commas has no descriptor.
    url = url.replace(/,+$/, '');
    rest = '';
  }
  const descriptor = /^\s+([^,\s]+)/.exec(rest)?.[1];
  const width = descriptor && /^(\d+)w$/.exec(descriptor);
  const density = descriptor && /^(\d+(?:\.\d+)?)x$/.exec(descriptor);
  return {
    url,
    offset: lead,
    ...(width ? { widthDescriptor: Number(width[1]) } : {}),
    ...(density ? { densityDescriptor: Number(density[1]) } : {}),
  };
}
