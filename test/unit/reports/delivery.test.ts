import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/main/cli/index';
import { nowIso } from '../../../src/main/ledger/ids';
import { appendJournal } from '../../../src/main/ledger/journal';
import type { ReportEnv } from '../../../src/main/ledger/reports/package';
import { prepareDueReport } from '../../../src/main/ledger/reports/schedule';
import { deliverPackage } from '../../../src/main/ledger/reports/upload';
import { putSetting } from '../../../src/main/ledger/settings';
import { makeTestCore, PASSWORD, type TestCore } from '../../helpers/ledger';
import { buildScenario } from './scenario';

function envOf(t: TestCore): ReportEnv {
  const actor = { id: null, name: '测试' };
  return {
    db: t.core.ledger.db,
    raw: t.core.ledger.raw,
    dataDir: t.core.dataDir,
    actor,
    now: () => new Date(),
    journal: (...e) => appendJournal(t.core.ledger.db, actor, e, nowIso()),
  };
}

describe('delivery, schedule and the headless command', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeTestCore();
    const s = await buildScenario(t.core.ledger.db);
    await s.fx.roll('2026-03');
  });
  afterEach(async () => t.close());

  it('uploads a final archive to the municipal address with retries and keeps the receipt', async () => {
    const received: { body: Buffer; headers: Record<string, string | string[] | undefined> }[] = [];
    let calls = 0;
    const server: Server = createServer((req, res) => {
      calls++;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (calls === 1) {
          res.writeHead(503).end('busy');
          return;
        }
        received.push({ body: Buffer.concat(chunks), headers: req.headers });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"receipt":"SJ-2026-0001"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const pkg = await t.clerk.call('reports.build', { month: '2026-03' });
      await putSetting(t.core.ledger.db, 'reports', { uploadUrl: `http://127.0.0.1:${port}/upload` }, nowIso());
      // Not final yet: refused.
      await expect(deliverPackage(envOf(t), pkg.id, { allowLoopbackHttp: true, backoffMs: 5 })).rejects.toThrow(/定稿/);
      await t.reviewer.call('reports.finalize', { packageId: pkg.id, version: pkg.version });
      // Production refuses plain http.
      await expect(deliverPackage(envOf(t), pkg.id)).rejects.toThrow(/https/);
      const d = await deliverPackage(envOf(t), pkg.id, { allowLoopbackHttp: true, backoffMs: 5 });
      expect(d).toMatchObject({
        method: 'upload',
        status: 'ok',
        attempts: 2,
        httpStatus: 200,
        receipt: '{"receipt":"SJ-2026-0001"}',
      });
      expect(received).toHaveLength(1);
      expect(received[0]?.headers['x-township']).toBe('321202001');
      expect(received[0]?.body.equals(readFileSync(join(t.core.dataDir, pkg.zipFile)))).toBe(true);
      const history = await t.clerk.call('reports.packages', { month: '2026-03' });
      expect(history[0]?.deliveries[0]).toMatchObject({ status: 'ok', httpStatus: 200 });
    } finally {
      server.close();
    }
  });

  it('the upload address setting accepts only https', async () => {
    const r = await t.admin.try('reports.saveSettings', {
      scheduleDay: 5,
      uploadUrl: 'http://example.gov.cn/upload',
      exportFolder: null,
      fullIdNumbers: false,
      version: 0,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('https');
  });

  it('without an upload address the package is saved to the export folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'usb-'));
    try {
      await t.admin.call('reports.saveSettings', {
        scheduleDay: 5,
        uploadUrl: null,
        exportFolder: folder,
        fullIdNumbers: false,
        version: 0,
      });
      const pkg = await t.clerk.call('reports.build', { month: '2026-03' });
      const d = await t.reviewer.call('reports.deliver', { packageId: pkg.id });
      expect(d).toMatchObject({ method: 'folder', status: 'ok' });
      expect(readdirSync(folder).sort()).toEqual([pkg.xlsxFile, pkg.zipFile].map((f) => f.split('/').at(-1)).sort());
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('on the configured day the previous month is prepared once and the reviewer reminded', async () => {
    const args = { db: t.core.ledger.db, raw: t.core.ledger.raw, dataDir: t.core.dataDir };
    expect((await prepareDueReport(args, '2026-04-04')).status).toBe('not_due');
    const first = await prepareDueReport(args, '2026-04-05');
    expect(first).toMatchObject({ status: 'prepared', month: '2026-03', checksOk: true });
    expect((await prepareDueReport(args, '2026-04-06')).status).toBe('already_prepared');
    const dash = await t.reviewer.call('reports.dashboard', { month: '2026-03' });
    expect(dash.reminders.map((r) => r.month)).toEqual(['2026-03']);
    expect(dash.latestPackage?.trigger).toBe('schedule');
    expect(dash.byVillage.find((v) => v.villageName === '东村')).toMatchObject({
      households: 2,
      persons: 4,
      amountFen: 190000,
    });
    const pkg = dash.latestPackage;
    if (!pkg) throw new Error('no package');
    await t.reviewer.call('reports.finalize', { packageId: pkg.id, version: pkg.version });
    expect((await t.reviewer.call('reports.dashboard', { month: '2026-03' })).reminders).toEqual([]);
    expect((await prepareDueReport(args, '2026-04-07')).status).toBe('final');
  });

  it('civil-ledger report builds, marks final and prints summary.json; bad month exits 2', async () => {
    const out = mkdtempSync(join(tmpdir(), 'report-out-'));
    await t.core.close();
    const lines: string[] = [];
    const io = { out: (s: string) => lines.push(s), err: () => {}, askSecret: async () => null };
    try {
      expect(await main(['report', '--db', t.dbPath, '--month', '2026-13', '--out', out], io)).toBe(2);
      // --final only by a named reviewer (issue 24); without --user it is refused.
      expect(await main(['report', '--db', t.dbPath, '--month', '2026-03', '--out', out, '--final'], io)).toBe(2);
      process.env.CIVIL_LEDGER_PASSWORD = PASSWORD;
      const code = await main(
        ['report', '--db', t.dbPath, '--month', '2026-03', '--out', out, '--final', '--user', 'reviewer', '--json'],
        io,
      );
      expect(code).toBe(0);
      const printed = JSON.parse(lines.join('\n')) as {
        township: string;
        month: string;
        revision: number;
        package: { status: string; files: string[] };
      };
      expect(printed).toMatchObject({
        township: '321202001',
        month: '2026-03',
        revision: 1,
        package: { status: 'final' },
      });
      for (const f of printed.package.files) expect(existsSync(f)).toBe(true);
      // A month whose checks fail is not marked final: exit 1.
      lines.length = 0;
      expect(
        await main(
          ['report', '--db', t.dbPath, '--month', '2026-02', '--out', out, '--final', '--user', 'reviewer', '--json'],
          io,
        ),
      ).toBe(1);
    } finally {
      delete process.env.CIVIL_LEDGER_PASSWORD;
      rmSync(out, { recursive: true, force: true });
      // Reopen so afterEach can close it.
      const { startCore } = await import('../../../src/main/core');
      t.core = await startCore({ dbPath: t.dbPath });
    }
  });
});
