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

async function transport(req: ApiRequest): Promise<ApiResponse<unknown>> {
  if (window.ledger) return window.ledger.call(req);
  const token = hostToken();
  if (!token) {
    return { ok: false, error: { code: 'UNAUTHENTICATED', message: '缺少访问令牌：请使用启动时给出的完整地址打开' } };
  }
  let res: Response;
  try {
    res = await fetch('./api', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
        ...(req.session ? { 'X-Session': req.session } : {}),
      },
      body: JSON.stringify({ method: req.method, input: req.input }),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '无法连接台账服务，请确认服务仍在运行' } };
  }
  return (await res.json()) as ApiResponse<unknown>;
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
  return r.data as OutputOf<Api[M]>;
}

hostToken();
