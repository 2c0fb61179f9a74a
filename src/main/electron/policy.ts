// The Electron shell's security decisions as pure functions (no `electron` import), so they are unit-tested in plain
// Node (test/unit/security/electron-policy.test.ts) — the shell only wires them to Electron's events.
import { extname, join, normalize, sep } from 'node:path';
import type { ApiRequest } from '../../shared/api/contract';

/** Our page is served from a privileged custom scheme, not file:// (which would share one origin with every file). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ledger';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
export const IPC_CHANNEL = 'ledger:call';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isOurOrigin(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

export interface SenderFrame {
  url: string;
  /** true when the frame has no parent (frame.parent === null in Electron). */
  isMainFrame: boolean;
}

/** IPC is answered only for our own page's main frame: never a sub-frame, never another origin, never a missing frame. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return !!frame && frame.isMainFrame && isOurOrigin(frame.url);
}

/** In-page navigation only within our own page (hash routes, reload); everything else is refused. */
export function isAllowedNavigation(url: string): boolean {
  return isOurOrigin(url);
}

/**
 * Web sites the app may open in the system browser (links in help text): official sites over https only.
 * Anything else — http, file:, other hosts, credentials or odd ports in the URL — is refused.
 */
export const EXTERNAL_ALLOWLIST: readonly string[] = ['www.mca.gov.cn', 'www.gov.cn', 'mzt.jiangsu.gov.cn'];

export function isAllowedExternalUrl(url: string): boolean {
  const u = parse(url);
  if (!u || u.protocol !== 'https:' || u.username || u.password || (u.port !== '' && u.port !== '443')) return false;
  return EXTERNAL_ALLOWLIST.includes(u.hostname);
}

/** The file behind an app:// URL, inside the renderer folder; null for anything outside it or another origin. */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  if (!isOurOrigin(url)) return null;
  const u = parse(url)!;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const root = normalize(rendererDir);
  // Routes without a file extension are the single-page app's: serve its index.
  if (path === '/' || path === '' || extname(path) === '') return join(root, 'index.html');
  const file = normalize(join(root, path));
  return file.startsWith(root + sep) ? file : null;
}

/** The built renderer's files are served with the loopback host's types (one table for both transports). */
export { MIME } from '../http/common';

/** What crosses the IPC boundary is untrusted: keep only the three fields of a request, with their types. */
export function toApiRequest(payload: unknown): ApiRequest {
  const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  return {
    method: typeof p.method === 'string' ? p.method : '',
    input: p.input,
    session: typeof p.session === 'string' ? p.session : undefined,
  };
}
