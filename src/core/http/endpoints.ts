// The configured base URL and every URL derived from it. The base may carry a path (a gateway mounted under
// /pruna); fixed endpoints and relative URLs the server sends both keep that path.
import * as l10n from '../l10n';
import { PrunaError } from '../errors';

/** Whitespace or control characters never belong in a URL we act on (a server could smuggle a second URL). */
const UNSAFE_URL_CHARS = /[\s\u0000-\u001f\u007f]/;

interface ParsedBase {
  raw: string;
  url: URL;
  origin: string;
  /** The base path without a trailing slash ('' for an origin-only base). */
  path: string;
}

export class Endpoints {
  private parsed: ParsedBase | undefined;

  constructor(private readonly raw: string | (() => string)) {}

  /** The configured base URL, checked; a bad setting is an input error, not a crash. Parsed only when it changed. */
  base(): ParsedBase {
    const raw = typeof this.raw === 'function' ? this.raw() : this.raw;
    if (this.parsed?.raw === raw) return this.parsed;
    let url: URL;
    try {
      if (UNSAFE_URL_CHARS.test(raw.trim())) throw new Error('whitespace');
      url = new URL(raw.trim());
    } catch {
      throw new PrunaError('invalid-input', l10n.t('The API base URL "{0}" is not a valid URL. Fix the pruna.apiBaseUrl setting.', raw.slice(0, 200)), {
        fields: ['apiBaseUrl'],
        hint: 'check-input',
      });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new PrunaError('invalid-input', l10n.t('The API base URL must use https (got {0}). Fix the pruna.apiBaseUrl setting.', url.protocol), {
        fields: ['apiBaseUrl'],
        hint: 'check-input',
      });
    }
    this.parsed = { raw, url, origin: url.origin, path: url.pathname.replace(/\/+$/, '') };
    return this.parsed;
  }

  origin(): string {
    return this.base().origin;
  }

  /** `path` is an API path such as /v1/predictions; the result keeps the base's own path prefix. */
  endpoint(path: string): string {
    const b = this.base();
    return `${b.origin}${b.path}${path}`;
  }

  /**
   * A URL the server sent (get_url, generation_url, an upload URL), resolved against the base URL including its
   * path: with a base of https://gw/pruna, "/v1/x" is https://gw/pruna/v1/x (unless it already names the prefix).
   * Whitespace, control characters and non-http(s) schemes are refused here, before any request.
   */
  parse(url: string): URL {
    const unusable = (): PrunaError => new PrunaError('bad-response', l10n.t('The P-API returned an unusable URL: "{0}".', url.slice(0, 200)), {});
    if (url === '' || UNSAFE_URL_CHARS.test(url)) throw unusable();
    const b = this.base();
    let out: URL;
    try {
      if (url.startsWith('/') && !url.startsWith('//')) {
        const prefixed = b.path !== '' && url !== b.path && !url.startsWith(`${b.path}/`) ? `${b.path}${url}` : url;
        out = new URL(prefixed, b.origin);
      } else {
        out = new URL(url, `${b.origin}${b.path}/`);
      }
    } catch {
      throw unusable();
    }
    if (out.protocol !== 'https:' && out.protocol !== 'http:') throw unusable();
    return out;
  }

  resolve(url: string): string {
    return this.parse(url).href;
  }

  isApiOrigin(url: string | URL): boolean {
    try {
      return (typeof url === 'string' ? new URL(url) : url).origin === this.origin();
    } catch {
      return false;
    }
  }

  /** The status URL to poll: the server's get_url when it is on the API origin, else the documented path. */
  statusUrlFor(id: string, getUrl?: string): string {
    if (getUrl) {
      const resolved = this.resolve(getUrl);
      if (this.isApiOrigin(resolved)) return resolved;
    }
    return this.endpoint(`/v1/predictions/status/${encodeURIComponent(id)}`);
  }
}
