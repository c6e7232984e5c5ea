// The shape of one model as the OpenAPI document describes it (generated/spec.ts) or as the overlay adds it.
// Plain data: no zod, no functions, so the generated file stays a reviewable transcription of the spec.

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'array';

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly title?: string;
  readonly description?: string;
  /** The API's default: shown to the user, never merged into a request (the server applies it). */
  readonly default?: unknown;
  readonly enum?: readonly (string | number)[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly multipleOf?: number;
  /** `uri`: takes a file URL (an upload or a public URL); `password`: a secret. */
  readonly format?: 'uri' | 'password';
  /** writeOnly / x-cog-secret in the spec: never shown back, logged, recorded or sent to the webview. */
  readonly secret?: boolean;
  readonly items?: { readonly type: 'string' | 'number' | 'integer'; readonly format?: 'uri' };
  readonly minItems?: number;
  readonly maxItems?: number;
}

export interface SpecModel {
  readonly id: string;
  readonly description: string;
  readonly rateLimitPerMinute: number;
  readonly required: readonly string[];
  readonly fields: readonly FieldSpec[];
}
