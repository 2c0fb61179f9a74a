// The office-network host (局域网共享): the same API and screens as the loopback host, over HTTPS on the one address
// an administrator chose, for the other clerks' PCs in the office. Personal logins as on the main PC; no URL token
// (each clerk logs in), so the guards are: TLS with a pinned self-signed certificate, the exact Host and Origin,
// login attempts limited per client address, and the dispatcher's own roles. Plain HTTP is never answered.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ApiResponse } from '../../shared/api/contract';
import type { Dispatcher } from '../api/dispatcher';
import type { Actor, Sessions } from '../ledger/kernel';
import { readApiRequest, securityHeaders, sendError, sendJson, serveRenderer } from '../http/common';
import type { OfficeCertificate } from './certificate';
import { LoginThrottle } from './throttle';

export interface ConnectedClient {
  userName: string;
  username: string;
  role: Actor['role'];
  address: string;
  /** ISO time of the client's last call. */
  lastSeen: string;
}

export interface OfficeHost {
  url: string;
  address: string;
  port: number;
  fingerprint: string;
  clients(): ConnectedClient[];
  close(): Promise<void>;
}

export interface OfficeHostOptions {
  dispatcher: Dispatcher;
  sessions: Sessions;
  rendererDir: string;
  certificate: OfficeCertificate;
  /** The one address to listen on (the administrator's choice; tests use 127.0.0.x). */
  address: string;
  port: number;
  maxBodyBytes?: number;
  throttle?: LoginThrottle;
  now?: () => Date;
}

const tokenKey = (token: string) => createHash('sha256').update(token).digest('hex');

function remoteAddress(req: IncomingMessage): string {
  const a = req.socket.remoteAddress ?? '';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

export async function startOfficeHost(options: OfficeHostOptions): Promise<OfficeHost> {
  const limit = options.maxBodyBytes ?? 200 * 1024 * 1024;
  const throttle = options.throttle ?? new LoginThrottle();
  const now = options.now ?? (() => new Date());
  const hostName = options.address.includes(':') ? `[${options.address}]` : options.address;
  let port = options.port;
  const origin = () => `https://${hostName}:${port}`;
  const clients = new Map<string, ConnectedClient>();
  const sockets = new Set<Socket>();

  function seen(token: string, actor: Actor, address: string): void {
    clients.set(tokenKey(token), {
      userName: actor.name,
      username: actor.username,
      role: actor.role,
      address,
      lastSeen: now().toISOString(),
    });
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const from = remoteAddress(req);
    const o = req.headers.origin;
    if (o !== undefined && o !== origin()) {
      sendError(res, 403, 'FORBIDDEN', '拒绝来自其他网页的请求');
      return;
    }
    const request = await readApiRequest(req, res, limit);
    if (!request) return;
    if (request.method === 'auth.login') {
      const wait = throttle.blockedFor(from, now());
      if (wait > 0) {
        sendError(
          res,
          429,
          'FORBIDDEN',
          `这台电脑（${from}）登录失败次数过多，请 ${Math.ceil(wait / 60000)} 分钟后再试`,
        );
        return;
      }
    }
    const result: ApiResponse<unknown> = await options.dispatcher.dispatch(request);
    if (request.method === 'auth.login') {
      if (result.ok) {
        throttle.succeeded(from);
        const data = result.data as {
          session?: string;
          user?: { id: string; username: string; displayName: string; role: Actor['role'] };
        };
        if (data.session && data.user)
          seen(
            data.session,
            { id: data.user.id, username: data.user.username, name: data.user.displayName, role: data.user.role },
            from,
          );
      } else if (
        result.error.code === 'UNAUTHENTICATED' ||
        result.error.code === 'BAD_INPUT' ||
        result.error.code === 'FORBIDDEN'
      ) {
        throttle.failed(from, now());
      }
    } else if (request.session) {
      const key = tokenKey(request.session);
      if (request.method === 'auth.logout' || (!result.ok && result.error.code === 'UNAUTHENTICATED'))
        clients.delete(key);
      else {
        const known = clients.get(key);
        if (known) {
          known.lastSeen = now().toISOString();
          known.address = from;
        } else {
          // A session from before a restart of the host (sessions are kept on disk in office mode).
          const actor = options.sessions.touch(request.session);
          if (actor && actor !== 'expired') seen(request.session, actor, from);
        }
      }
    }
    sendJson(res, 200, result);
  }

  const server: Server = createServer(
    { key: options.certificate.key, cert: options.certificate.cert, minVersion: 'TLSv1.2' },
    (req, res) => {
      securityHeaders(res);
      res.setHeader('Strict-Transport-Security', 'max-age=31536000');
      // DNS rebinding guard: the address the administrator chose, nothing else.
      if (req.headers.host !== `${hostName}:${port}`) {
        res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`请用 ${origin()}/ 访问`);
        return;
      }
      if (req.url === '/api' && req.method === 'POST') {
        handleApi(req, res).catch(() => {
          if (!res.headersSent) sendError(res, 500, 'INTERNAL', '内部错误');
        });
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      serveRenderer(options.rendererDir, req, res);
    },
  );
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // A client speaking plain HTTP to the TLS port gets no answer but a closed connection.
  server.on('tlsClientError', (_e, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new Error(`端口 ${port} 已被其他程序占用，请换一个端口`));
      else if (e.code === 'EADDRNOTAVAIL') reject(new Error(`这台电脑没有地址 ${options.address}，请重新选择网卡地址`));
      else reject(e);
    });
    server.listen(options.port, options.address, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const idleMs = options.sessions.idleMs;
  return {
    url: `${origin()}/`,
    address: options.address,
    port,
    fingerprint: options.certificate.fingerprint,
    clients: () => {
      const cutoff = now().getTime() - idleMs;
      return [...clients.values()]
        .filter((c) => Date.parse(c.lastSeen) >= cutoff)
        .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
