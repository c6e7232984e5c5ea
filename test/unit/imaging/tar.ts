// A tar.gz of given files (ustar, mode 644), made at test time: the tests' stand-in for the npm registry's tarball.
import { gzipSync } from 'fflate';

export function tgzOf(files: Readonly<Record<string, Uint8Array>>): Uint8Array {
  return gzipSync(tarOf(files), { level: 6, mtime: 0 });
}

export function tarOf(files: Readonly<Record<string, Uint8Array>>): Uint8Array {
  const parts: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const [name, data] of Object.entries(files)) {
    const header = new Uint8Array(512);
    let base = name;
    let prefix = '';
    if (enc.encode(name).length > 100) {
      const cut = name.lastIndexOf('/', 155);
      prefix = name.slice(0, cut);
      base = name.slice(cut + 1);
    }
    header.set(enc.encode(base).subarray(0, 100), 0);
    header.set(enc.encode('0000644\0'), 100);
    header.set(enc.encode('0000000\0'), 108);
    header.set(enc.encode('0000000\0'), 116);
    header.set(enc.encode(`${data.length.toString(8).padStart(11, '0')}\0`), 124);
    header.set(enc.encode('00000000000\0'), 136);
    header.set(enc.encode('        '), 148);
    header[156] = '0'.charCodeAt(0);
    header.set(enc.encode('ustar\0'), 257);
    header.set(enc.encode('00'), 263);
    header.set(enc.encode(prefix).subarray(0, 155), 345);
    const sum = header.reduce((a, b) => a + b, 0);
    header.set(enc.encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    parts.push(header, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  parts.push(new Uint8Array(1024));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
