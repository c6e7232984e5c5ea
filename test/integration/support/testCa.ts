// A throw-away certificate authority and a server certificate signed by it, made with the openssl CLI at test time
// (node:crypto makes keys but not X.509 certificates). Nothing is installed anywhere: the test hands the CA file to
// the extension alone (PRUNA_API_CA_CERTS), so a pass proves the extension's own trust option works, not the OS's.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCa {
  /** PEM file of the CA certificate. */
  readonly caFile: string;
  readonly caPem: string;
  /** Server key and certificate (PEM) for the given host names and 127.0.0.1. */
  readonly key: string;
  readonly cert: string;
  dispose(): void;
}

export function makeTestCa(hostNames: readonly string[]): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'pruna-ca-'));
  const f = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=Pruna test CA (throw-away)',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', `/CN=${hostNames[0] ?? 'localhost'}`);
  const san = [...hostNames.map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',');
  writeFileSync(f('ext.cnf'), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`);
  openssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('server.pem'),
    '-days', '2', '-extfile', f('ext.cnf'));
  return {
    caFile: f('ca.pem'),
    caPem: readFileSync(f('ca.pem'), 'utf8'),
    key: readFileSync(f('server.key'), 'utf8'),
    cert: readFileSync(f('server.pem'), 'utf8'),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
