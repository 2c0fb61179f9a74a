// 报表设置 → 测试: the clerk learns whether the municipal address and the USB folder work before the month needs them.
import { createServer as createHttp } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryFolder, tryUrl } from '../../../src/main/ledger/reports/connection';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
let dir: string;
beforeAll(async () => {
  t = await makeTestCore();
  dir = mkdtempSync(join(tmpdir(), 'civil-ledger-delivery-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the upload address', () => {
  it('must be https (refused through the API with the field named)', async () => {
    const r = await t.reviewer.try('reports.testDelivery', { uploadUrl: 'http://mz.example.gov.cn/upload' });
    expect(!r.ok && r.error.message).toBe('上报地址必须使用 https:// 加密连接');
  });

  it('a server whose certificate no authority vouches for is reported as untrusted', async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keySize: 2048 });
    const server = createHttps({ key: pems.private, cert: pems.cert }, (_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as AddressInfo;
      const check = await tryUrl(`https://127.0.0.1:${port}/upload`, 5000);
      expect(check.ok).toBe(false);
      expect(check.message).toMatch(/^无法连接 127\.0\.0\.1:\d+：对方使用自签名证书，不受信任$/);
    } finally {
      server.close();
    }
  });

  it('an address that answers is reported with its status; a server error is not "ok"', async () => {
    let status = 200;
    const server = createHttp((_req, res) => {
      res.statusCode = status;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as AddressInfo;
      // Loopback http only in tests; the settings require https.
      const ok = await tryUrl(`http://127.0.0.1:${port}/`, 5000, true);
      expect(ok).toMatchObject({ ok: true, httpStatus: 200 });
      status = 503;
      const bad = await tryUrl(`http://127.0.0.1:${port}/`, 5000, true);
      expect(bad).toMatchObject({ ok: false, httpStatus: 503 });
      expect(bad.message).toMatch(/对方服务器出错（HTTP 503）/);
    } finally {
      server.close();
    }
  });

  it('a closed port is "refused", in Chinese', async () => {
    const server = createHttp();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));
    const check = await tryUrl(`http://127.0.0.1:${port}/`, 5000, true);
    expect(check.message).toMatch(/对方拒绝连接/);
  });
});

describe('the export folder', () => {
  it('a writable folder is ok and keeps no test file', async () => {
    const r = await t.reviewer.call('reports.testDelivery', { exportFolder: join(dir, '月报') });
    expect(r).toMatchObject({ ok: true, message: `可以写入“${join(dir, '月报')}”` });
  });
  it('a relative path, or a file where the folder should be, is explained', () => {
    expect(tryFolder('月报').message).toMatch(/必须是完整路径/);
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    expect(tryFolder(file)).toMatchObject({ ok: false, message: `“${file}”不是文件夹` });
  });
  it('a clerk may not use it (reviewers set up delivery)', async () => {
    const r = await t.clerk.try('reports.testDelivery', { exportFolder: dir });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
  });
});
