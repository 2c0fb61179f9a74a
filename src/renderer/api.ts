// The renderer's only way to the core: `call(method, input)`. In Electron the preload exposes `window.ledger.call`
// (IPC); in a browser the loopback host answers POST /api with the per-launch token. Same contract, same dispatcher.
import type { Api, MethodName } from '../shared/api';
import type { ApiErrorCode, ApiRequest, ApiResponse, InputOf, OutputOf } from '../shared/api/contract';

declare global {
  interface Window {
    ledger?: { call(req: ApiRequest): Promise<ApiResponse<unknown>> };
  }
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly fields: Record<string, string>;
  constructor(code: ApiErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.code = code;
    this.fields = fields ?? {};
  }
}

const TOKEN_KEY = 'civil-ledger.token';
const SESSION_KEY = 'civil-ledger.session';

/** Takes the host token from the URL fragment (#token=…) once and keeps it for this tab only. */
function hostToken(): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

let session: string | undefined = sessionStorage.getItem(SESSION_KEY) ?? undefined;
const unauthenticatedListeners = new Set<(message: string) => void>();

export function setSession(s: string | undefined): void {
  session = s;
  if (s) sessionStorage.setItem(SESSION_KEY, s);
  else sessionStorage.removeItem(SESSION_KEY);
}

export function hasSession(): boolean {
  return session !== undefined;
}

/** The app listens here to show the login / lock screen when a session expires. */
export function onUnauthenticated(fn: (message: string) => void): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

/**
 * Served over HTTPS, the page is the office ledger (局域网共享) on the main PC: each clerk logs in with a personal
 * account and there is no per-launch token. The loopback host (http://127.0.0.1) needs its token.
 */
export function isOfficeMode(): boolean {
  return !window.ledger && window.location.protocol === 'https:';
}

export type ConnectionState = 'online' | 'reconnecting';
let connection: ConnectionState = 'online';
const connectionListeners = new Set<(s: ConnectionState) => void>();

/** The header shows whether the office host answers (a client PC must know when its work is not reaching it). */
export function onConnectionChange(fn: (s: ConnectionState) => void): () => void {
  connectionListeners.add(fn);
  fn(connection);
  return () => connectionListeners.delete(fn);
}

function setConnection(s: ConnectionState): void {
  if (s === connection) return;
  connection = s;
  for (const fn of connectionListeners) fn(s);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function transport(req: ApiRequest): Promise<ApiResponse<unknown>> {
  if (window.ledger) return window.ledger.call(req);
  const office = isOfficeMode();
  const token = office ? null : hostToken();
  if (!office && !token) {
    return { ok: false, error: { code: 'UNAUTHENTICATED', message: '缺少访问令牌：请使用启动时给出的完整地址打开' } };
  }
  // One id for every attempt: a write whose answer was lost (network, host restart) is done once, never twice.
  const requestId = crypto.randomUUID();
  const attempts = office ? 6 : 1;
  for (let i = 0; i < attempts; i++) {
    try {
      const res = await fetch('./api', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Request-Id': requestId,
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(req.session ? { 'X-Session': req.session } : {}),
        },
        body: JSON.stringify({ method: req.method, input: req.input }),
      });
      setConnection('online');
      return (await res.json()) as ApiResponse<unknown>;
    } catch {
      if (!office) break;
      setConnection('reconnecting');
      await sleep(Math.min(1000 * 2 ** i, 8000));
    }
  }
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      message: office
        ? '无法连接办公室台账主机，本次操作未确认保存。请检查网络或主机是否开机，稍后刷新核对后再试'
        : '无法连接台账服务，请确认服务仍在运行',
    },
  };
}

const doneListeners = new Set<(method: string) => void>();

/** Told the name of every method that went through (the village copy's unsent-changes badge follows writes). */
export function onCallDone(fn: (method: string) => void): () => void {
  doneListeners.add(fn);
  return () => doneListeners.delete(fn);
}

export async function call<M extends MethodName>(method: M, input: InputOf<Api[M]>): Promise<OutputOf<Api[M]>> {
  const r = await transport({ method, input, session });
  if (!r.ok) {
    if (r.error.code === 'UNAUTHENTICATED' && method !== 'auth.login') {
      setSession(undefined);
      for (const fn of unauthenticatedListeners) fn(r.error.message);
    }
    throw new ApiError(r.error.code, r.error.message, r.error.fields);
  }
  for (const fn of doneListeners) fn(method);
  return r.data as OutputOf<Api[M]>;
}

if (!isOfficeMode()) hostToken();
