// The rules of a client PC in 连接办公室台账 mode, as plain functions (the Electron shell applies them; the tests
// check them): which host, which certificate, which requests. Nothing of the ledger is kept on the client's disk.
import { sameFingerprint } from './certificate';

export interface OfficeConnection {
  /** https://地址:端口 (origin only). */
  origin: string;
  /** SHA-256 fingerprint of the host's certificate, as shown on the host's 设置 → 局域网共享 page. */
  fingerprint: string;
}

/** Reads `--connect https://地址:端口 --fingerprint AB:CD:…`; a Chinese message for what is wrong. */
export function parseConnectArgs(args: readonly string[]): OfficeConnection | { error: string } | null {
  const at = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const url = at('--connect');
  if (url === undefined) return null;
  const fingerprint = at('--fingerprint') ?? '';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { error: `办公室台账地址“${url}”无效，应为 https://地址:端口` };
  }
  if (parsed.protocol !== 'https:') return { error: '办公室台账只能通过 https 连接' };
  if (fingerprint.replace(/[^0-9a-f]/gi, '').length !== 64)
    return { error: '请用 --fingerprint 给出主机“局域网共享”页上显示的证书指纹（64 位十六进制）' };
  return { origin: parsed.origin, fingerprint };
}

/** Electron reports a certificate's fingerprint as "sha256/<base64>"; the pin is hex. */
export function electronFingerprintMatches(electronFingerprint: string, pinned: string): boolean {
  const m = /^sha256\/(.+)$/.exec(electronFingerprint);
  const hex = m ? Buffer.from(m[1]!, 'base64').toString('hex') : electronFingerprint;
  return sameFingerprint(hex, pinned);
}

/** Requests a client window may make: the pinned host, and the page's own inline data. */
export function isAllowedOfficeRequest(url: string, origin: string): boolean {
  if (/^(data:|blob:|devtools:\/\/)/.test(url)) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
