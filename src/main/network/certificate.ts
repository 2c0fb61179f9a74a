// The office host's TLS certificate: made on this PC when an administrator turns 局域网共享 on, kept beside the
// ledger (<ledger>.files/network/, key readable by the owner only), and identified by its SHA-256 fingerprint, which
// clients compare once on first connection and then pin. A self-signed certificate is the right tool here: an office
// network has no public name a CA could vouch for, and the fingerprint is checked by a person on paper.
import { createHash, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isIP } from 'node:net';
import { generate } from 'selfsigned';

export interface OfficeCertificate {
  key: string;
  cert: string;
  /** SHA-256 of the DER certificate, upper-case hex in pairs separated by colons. */
  fingerprint: string;
  /** The address the certificate names. */
  address: string;
  validTo: string;
}

/** AB:CD:… — the form browsers show in their certificate viewer. */
export function fingerprintOfDer(der: Buffer): string {
  return createHash('sha256')
    .update(der)
    .digest('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
}

export function fingerprintOfPem(pem: string): string {
  return fingerprintOfDer(new X509Certificate(pem).raw);
}

/** Pins compare without separators and case, so a clerk may type the fingerprint from paper either way. */
export function sameFingerprint(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return norm(a).length === 64 && norm(a) === norm(b);
}

function load(dir: string): OfficeCertificate | null {
  const keyFile = join(dir, 'office.key');
  const certFile = join(dir, 'office.crt');
  if (!existsSync(keyFile) || !existsSync(certFile)) return null;
  const cert = readFileSync(certFile, 'utf8');
  const x = new X509Certificate(cert);
  const address = /IP Address:([^,\s]+)/.exec(x.subjectAltName ?? '')?.[1] ?? '';
  return {
    key: readFileSync(keyFile, 'utf8'),
    cert,
    fingerprint: fingerprintOfDer(x.raw),
    address,
    validTo: x.validTo,
  };
}

/**
 * The certificate for `address`, made now if there is none or it names another address (the administrator chose a
 * different network card). Written to temp names and renamed: a crash never leaves a key without its certificate.
 */
export async function ensureOfficeCertificate(dir: string, address: string, now: Date): Promise<OfficeCertificate> {
  if (isIP(address) === 0) throw new Error(`“${address}”不是有效的 IP 地址`);
  const existing = load(dir);
  if (existing && existing.address === address && new Date(existing.validTo) > now) return existing;
  mkdirSync(dir, { recursive: true });
  const notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: `乡镇民政台账 ${address}` }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 24 * 3600 * 1000),
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: address }] },
    ],
  });
  writeFileSync(join(dir, 'office.key.tmp'), pems.private, { mode: 0o600 });
  writeFileSync(join(dir, 'office.crt.tmp'), pems.cert);
  renameSync(join(dir, 'office.key.tmp'), join(dir, 'office.key'));
  renameSync(join(dir, 'office.crt.tmp'), join(dir, 'office.crt'));
  try {
    chmodSync(join(dir, 'office.key'), 0o600);
  } catch {
    /* Windows: the folder's ACL applies */
  }
  const made = load(dir);
  if (!made) throw new Error('证书生成失败');
  return made;
}
