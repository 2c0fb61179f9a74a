// The loopback HTTP host: serves the built renderer and the same API the Electron IPC adapter serves, for
// development in a browser and for the end-to-end suite. 127.0.0.1 only; every API call needs the per-launch token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatcher } from '../api/dispatcher';
import { readApiRequest, securityHeaders, sendJson, serveRenderer } from './common';

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

function tokenMatches(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const limit = options.maxBodyBytes ?? 200 * 1024 * 1024;
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
    const request = await readApiRequest(req, res, limit);
    if (!request) return;
    const result = await options.dispatcher.dispatch(request);
    sendJson(res, 200, result);
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
    serveRenderer(options.rendererDir, req, res);
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
