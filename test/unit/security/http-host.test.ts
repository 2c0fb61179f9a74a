// The loopback HTTP host: listens on 127.0.0.1 only, answers the API only with the per-launch token, only for its own
// host name (DNS rebinding) and its own origin (other web pages), and serves nothing outside the renderer folder.
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHttpHost, type HttpHost } from '../../../src/main/http/host';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
let host: HttpHost;
beforeAll(async () => {
  t = await makeTestCore();
  const rendererDir = join(t.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>台账</title>');
  writeFileSync(join(t.dir, 'secret.txt'), 'not for the browser');
  host = await startHttpHost({ dispatcher: t.core.dispatcher, rendererDir, maxBodyBytes: 64 * 1024 });
});
afterAll(async () => {
  await host.close();
  await t.close();
});

interface Res {
  status: number;
  body: string;
}

function send(opts: {
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  hostname?: string;
}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: opts.hostname ?? '127.0.0.1',
        port: host.port,
        path: opts.path ?? '/api',
        method: opts.method ?? 'POST',
        headers: { Host: `127.0.0.1:${host.port}`, 'Content-Type': 'application/json', ...opts.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    const method = opts.method ?? 'POST';
    req.end(method === 'POST' ? (opts.body ?? JSON.stringify({ method: 'setup.status', input: {} })) : undefined);
  });
}

const auth = () => ({ Authorization: `Bearer ${host.token}` });

test('with the token, from its own page, the API answers', async () => {
  const r = await send({ headers: { ...auth(), Origin: `http://127.0.0.1:${host.port}` } });
  expect(r.status).toBe(200);
  expect(JSON.parse(r.body)).toMatchObject({ ok: true, data: { initialized: true } });
});

test('no token or a wrong token: 401 with a Chinese message, and the dispatcher is not reached', async () => {
  const journal = t.core.ledger.raw.prepare('SELECT count(*) FROM journal').pluck().get();
  const write = JSON.stringify({ method: 'villages.create', input: { name: '令牌村', kind: 'village' } });
  for (const headers of [
    {} as Record<string, string>,
    { Authorization: 'Bearer wrong' },
    { Authorization: host.token },
    { Authorization: `Bearer ${host.token}x` },
  ]) {
    const r = await send({ headers, body: write });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).error.message).toBe('访问令牌无效：请使用启动时给出的地址打开');
  }
  expect(t.core.ledger.raw.prepare('SELECT count(*) FROM journal').pluck().get()).toBe(journal);
});

test('another web page (foreign Origin) is refused even with the token', async () => {
  for (const origin of ['http://evil.example', `http://127.0.0.1:${host.port + 1}`, 'null']) {
    const r = await send({ headers: { ...auth(), Origin: origin } });
    expect(r.status, origin).toBe(403);
    expect(JSON.parse(r.body).error.message).toBe('拒绝来自其他网页的请求');
  }
});

test('a foreign Host header (DNS rebinding) is refused for pages and API alike', async () => {
  for (const h of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`]) {
    const api = await send({ headers: { ...auth(), Host: h }, body: '' });
    expect(api.status, h).toBe(421);
    const page = await send({ method: 'GET', path: '/', headers: { Host: h } });
    expect(page.status, h).toBe(421);
  }
  expect((await send({ method: 'GET', path: '/', headers: { Host: `localhost:${host.port}` } })).status).toBe(200);
});

test('it listens on 127.0.0.1 only: the URL says so and other addresses of this machine are refused', async () => {
  expect(new URL(host.url).hostname).toBe('127.0.0.1');
  expect(host.openUrl).toBe(`${host.url}#token=${host.token}`); // the token rides in the fragment, never in a request line
  const others = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && !a.address.startsWith('fe80')) // link-local needs a scope id to dial
    .map((a) => a!.address);
  for (const address of [...others, '::1']) {
    const err = await send({ hostname: address, headers: auth() }).then(
      () => null,
      (e: NodeJS.ErrnoException) => e.code,
    );
    expect(['ECONNREFUSED', 'EADDRNOTAVAIL', 'ENETUNREACH', 'EHOSTUNREACH'], address).toContain(err);
  }
});

test('bad bodies get structured refusals; files outside the renderer folder are never served', async () => {
  const notJson = await send({ headers: auth(), body: '{"method":' });
  expect(notJson.status).toBe(400);
  expect(JSON.parse(notJson.body).error.message).toBe('请求不是有效的 JSON');
  // Over the size limit: refused before the dispatcher. (The host stops reading and the connection is dropped before
  // its 413 reaches the client; either way nothing is processed.)
  const big = await send({
    headers: auth(),
    body: JSON.stringify({ method: 'villages.create', input: { name: 'a'.repeat(70_000), kind: 'village' } }),
  }).then(
    (r) => r.status,
    (e: NodeJS.ErrnoException) => e.code ?? e.message,
  );
  expect([413, 'ECONNRESET', 'EPIPE', 'socket hang up']).toContain(big);
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
    const r = await send({ method: 'GET', path });
    expect(r.body, path).not.toContain('not for the browser');
  }
});
