// What the loopback host (host.ts) and the office-network host (../network/officeHost.ts) share: headers, JSON
// replies, bounded request bodies, the built renderer's files, and the API call itself.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { ApiRequest } from '../../shared/api/contract';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

export const MIME: Record<string, string> = {
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

export function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

/** The body as text, or null when it is larger than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Serves a file of the built renderer (index.html for app routes); refuses paths outside it. */
export function serveRenderer(rendererDir: string, req: IncomingMessage, res: ServerResponse): void {
  const rendererRoot = normalize(rendererDir);
  let urlPath: string;
  try {
    urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
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

/**
 * Reads a POST /api body ({method, input}) and the X-Session header into an ApiRequest; answers 413/400 itself and
 * returns null then.
 */
export async function readApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): Promise<ApiRequest | null> {
  const body = await readBody(req, limit);
  if (body === null) {
    sendError(res, 413, 'BAD_INPUT', '请求内容过大');
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    sendError(res, 400, 'BAD_INPUT', '请求不是有效的 JSON');
    return null;
  }
  const r = parsed as Partial<ApiRequest> | null;
  const session = req.headers['x-session'];
  const requestId = req.headers['x-request-id'];
  return {
    method: typeof r?.method === 'string' ? r.method : '',
    input: r?.input,
    session: typeof session === 'string' ? session : undefined,
    requestId: typeof requestId === 'string' ? requestId : undefined,
  };
}
