// Which certificate authorities the extension's own connections trust. No vscode import (unit-tested in Node).
//
// What VS Code's extension host already does, and what is left to do here:
// - NODE_EXTRA_CA_CERTS is read by Node itself at start-up into its default store, which every TLS connection without
//   an explicit `ca` uses. Nothing to do, as long as we pass no `ca`; when we must pass one, Node's default list is
//   rebuilt from `tls.getCACertificates('default')` (Node 22.15+) or `tls.rootCertificates` plus that file.
// - `http.systemCertificates`: the host (@vscode/proxy-agent) loads the OS store and adds it to Node's `http`/`https`
//   requests and to global `fetch`; with `http.experimental.systemCertificatesV2` it patches the `tls` module handed to
//   extensions, so connections made through `require('tls')` without `ca` get the OS store too. esbuild.mjs makes
//   our bundled undici require 'tls' (not 'node:tls') to get that patched module. The host does not expose the list
//   it loaded, so for the default (V1) path we read the OS store the way Node 22.15+ can (`getCACertificates('system')`)
//   or, on older Node on Linux, from the distribution's bundle file, as the host does itself.
import * as l10n from '../../core/l10n';
import { existsSync, readFileSync } from 'node:fs';
import * as tls from 'node:tls';

export interface TrustInput {
  readonly systemCertificates: boolean;
  /** PEM file(s) trusted by this extension only (PRUNA_API_CA_CERTS): a private CA, never added process-wide. */
  readonly extraCaFiles: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface Trust {
  /** Undefined: Node's default store (with NODE_EXTRA_CA_CERTS), plus whatever VS Code's `tls` patch adds. */
  readonly ca: string[] | undefined;
  /** What went into it, for the log: e.g. ["node", "system (142)", "PRUNA_API_CA_CERTS (1)"]. */
  readonly sources: string[];
}

/** The distribution bundles VS Code's proxy agent reads on Linux, in its order. */
const LINUX_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem'];

type GetCACertificates = (type: 'default' | 'system' | 'bundled' | 'extra') => string[];
const getCACertificates = (tls as { getCACertificates?: GetCACertificates }).getCACertificates;

export function splitPem(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

function readPemFile(path: string): string[] {
  return splitPem(readFileSync(path, 'utf8'));
}

function systemStore(): string[] {
  if (getCACertificates) return getCACertificates('system');
  if (process.platform !== 'linux') return [];
  const bundle = LINUX_BUNDLES.find((p) => existsSync(p));
  return bundle ? readPemFile(bundle) : [];
}

function nodeDefaults(env: TrustInput['env']): string[] {
  if (getCACertificates) return getCACertificates('default');
  const extra = env.NODE_EXTRA_CA_CERTS;
  let extraCerts: string[] = [];
  try {
    if (extra) extraCerts = readPemFile(extra);
  } catch {
    // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS; so do we (nothing to add).
  }
  return [...tls.rootCertificates, ...extraCerts];
}

/** Reads files synchronously: called when the first request needs a connection, never during activation. */
export function resolveTrust(input: TrustInput): Trust {
  const extra = input.extraCaFiles.flatMap((file) => {
    const certs = readPemFile(file);
    if (certs.length === 0) throw new Error(l10n.t('{0} (PRUNA_API_CA_CERTS) holds no PEM certificate', file));
    return certs;
  });
  const system = input.systemCertificates ? systemStore() : [];
  if (extra.length === 0 && system.length === 0) return { ca: undefined, sources: ['node'] };
  const sources = ['node'];
  if (system.length) sources.push(`system (${system.length})`);
  if (extra.length) sources.push(`PRUNA_API_CA_CERTS (${extra.length})`);
  return { ca: [...new Set([...nodeDefaults(input.env), ...system, ...extra])], sources };
}

/** Node's error codes for a certificate that does not verify (as opposed to a connection that failed). */
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

export function isCertificateCode(code: string | undefined): boolean {
  return code !== undefined && CERTIFICATE_CODES.has(code);
}
