// The loopback HTTP host: serves the built renderer and the same API the Electron IPC adapter serves, for
// development in a browser and for the end-to-end suite. 127.0.0.1 only; every API call needs the per-launch token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { ApiRequest } from '../../shared/api/contract';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import type { Dispatcher } from '../api/dispatcher';

export interface HttpHost {
  url: string;
  /** The URL to open in a browser: carries the token in the fragment, which never reaches a server log. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export interface HttpHostOptions {
  dispatcher: Dispatcher;
  rendererDir: string;
  port?: number;
  /** For tests; otherwise random per launch. */
  token?: string;
  /** Largest request body, in bytes (imports carry files). */
  maxBodyBytes?: number;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function tokenMatches(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const limit = options.maxBodyBytes ?? 200 * 1024 * 1024;
  const rendererRoot = normalize(options.rendererDir);
  let port = 0;

  // DNS rebinding guard: only our own host names.
  const hostOk = (req: IncomingMessage): boolean => {
    const h = req.headers.host ?? '';
    return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !tokenMatches(auth.slice(7), token)) {
      sendJson(res, 401, {
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: '访问令牌无效：请使用启动时给出的地址打开' },
      });
      return;
    }
    const origin = req.headers.origin;
    if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自其他网页的请求' } });
      return;
    }
    const body = await readBody(req, limit);
    if (body === null) {
      sendJson(res, 413, { ok: false, error: { code: 'BAD_INPUT', message: '请求内容过大' } });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      sendJson(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: '请求不是有效的 JSON' } });
      return;
    }
    const r = parsed as Partial<ApiRequest> | null;
    const session = req.headers['x-session'];
    const result = await options.dispatcher.dispatch({
      method: typeof r?.method === 'string' ? r.method : '',
      input: r?.input,
      session: typeof session === 'string' ? session : undefined,
    });
    sendJson(res, 200, result);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse): void {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(rendererRoot, urlPath));
    if (!file.startsWith(rendererRoot + sep) && file !== rendererRoot) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(rendererRoot, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('界面文件未构建：请先运行 npm run build:renderer');
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  }

  const server: Server = createServer((req, res) => {
    securityHeaders(res);
    if (!hostOk(req)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('主机名不被允许');
      return;
    }
    if (req.url === '/api' && req.method === 'POST') {
      handleApi(req, res).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '内部错误' } });
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
