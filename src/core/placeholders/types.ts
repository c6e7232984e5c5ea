// What the detectors report: one image a document refers to, with everything the code says about it.

export type ReferenceKind = 'markdown' | 'img' | 'srcset' | 'css-url' | 'jsx';

export interface TextRange {
  /** Offset of the first character of the path text in the document. */
  readonly start: number;
  /** Offset just after the path text. */
  readonly end: number;
}

/** Size hints the surrounding code gives (pixels; aspectRatio is width / height). */
export interface SizeHint {
  readonly width?: number;
  readonly height?: number;
  readonly aspectRatio?: number;
}

export interface ImageReference extends SizeHint {
  /** The path as a file path: percent-decoded, without query or hash. */
  readonly path: string;
  /** The path exactly as written in the document (what `range` covers). */
  readonly rawPath: string;
  readonly range: TextRange;
  readonly kind: ReferenceKind;
  readonly alt?: string;
  /** Nearest heading, component name or CSS selector, as written. */
  readonly context?: string;
}
