// A client of the office host for Node (the command line's connection test, the tests and the load benchmark): every
// connection checks the host's certificate against the pinned fingerprint before a byte of the request is sent.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { ApiResponse } from '../../shared/api/contract';
import { sameFingerprint } from './certificate';

export interface OfficeClientOptions {
  /** https://地址:端口/ of the office host. */
  url: string;
  /** The fingerprint compared on first connection (written down from the host's 设置 page). */
  fingerprint: string;
  /** Source address (tests use 127.0.0.x to act as different PCs). */
  localAddress?: string;
  timeoutMs?: number;
}

export class PinMismatchError extends Error {
  constructor(readonly seen: string) {
    super('办公室台账主机的证书与记录的指纹不符，已拒绝连接。请向管理员核对证书指纹');
  }
}

export interface OfficeClient {
  call(method: string, input: unknown, session?: string, requestId?: string): Promise<ApiResponse<unknown>>;
  /** Raw request, for tests of the host's guards. */
  raw(
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; body: string }>;
}

export function officeClient(options: OfficeClientOptions): OfficeClient {
  const base = new URL(options.url);
  // One kept-alive connection per client, as a browser does; its certificate is checked when it is opened.
  const agent = new Agent({ keepAlive: true, maxSockets: 4, rejectUnauthorized: false });
  function raw(
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: base.hostname.replace(/^\[|\]$/g, ''),
          port: base.port,
          path,
          method: init.method ?? 'GET',
          headers: { Host: base.host, ...(init.headers ?? {}) },
          // The certificate is self-signed: trust comes from the pinned fingerprint, checked below.
          rejectUnauthorized: false,
          agent,
          timeout: options.timeoutMs ?? 30_000,
          ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('socket', (socket) => {
        const check = () => {
          const seen = (socket as TLSSocket).getPeerCertificate().fingerprint256 ?? '';
          if (!sameFingerprint(seen, options.fingerprint)) req.destroy(new PinMismatchError(seen));
        };
        // A reused connection was checked when it was opened; check again anyway (cheap), a new one once connected.
        if ((socket as TLSSocket).encrypted && !socket.connecting) check();
        else socket.once('secureConnect', check);
      });
      req.on('timeout', () => req.destroy(new Error('连接办公室台账超时')));
      req.on('error', reject);
      if (init.body !== undefined) req.write(init.body);
      req.end();
    });
  }
  return {
    raw,
    async call(method, input, session, requestId) {
      const r = await raw('/api', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Origin: base.origin,
          ...(session ? { 'X-Session': session } : {}),
          'X-Request-Id': requestId ?? randomUUID(),
        },
        body: JSON.stringify({ method, input }),
      });
      try {
        return JSON.parse(r.body) as ApiResponse<unknown>;
      } catch {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `办公室台账返回了无法识别的内容（HTTP ${r.status}）` },
        };
      }
    },
  };
}
