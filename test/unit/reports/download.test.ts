// A package's files can be downloaded from the app (browser host included), checked against their recorded hash.
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeAll(async () => {
  t = await makeTestCore({ now: () => new Date('2026-03-20T02:00:00Z') });
});
afterAll(() => t.close());

test('the workbook and the archive download intact, each download is journalled, a changed file is refused', async () => {
  const pkg = await t.clerk.call('reports.build', { month: '2026-02' });
  const xlsx = await t.clerk.call('reports.download', { packageId: pkg.id, file: 'xlsx' });
  expect(xlsx.name).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(xlsx.dataBase64, 'base64') as unknown as ArrayBuffer);
  expect(wb.worksheets.length).toBeGreaterThan(1);
  const zip = await t.clerk.call('reports.download', { packageId: pkg.id, file: 'zip' });
  expect(createHash('sha256').update(Buffer.from(zip.dataBase64, 'base64')).digest('hex')).toBe(pkg.zipSha256);
  const j = await t.core.ledger.db
    .selectFrom('journal')
    .select(['action', 'actor_name'])
    .where('action', '=', 'report.download')
    .execute();
  expect(j).toEqual([
    { action: 'report.download', actor_name: '张经办' },
    { action: 'report.download', actor_name: '张经办' },
  ]);
  appendFileSync(join(t.core.dataDir, pkg.zipFile), 'x');
  const r = await t.clerk.try('reports.download', { packageId: pkg.id, file: 'zip' });
  expect(!r.ok && r.error.message).toMatch(/^报表文件“.*\.zip”已被改动或损坏（校验值不符），请重新生成报表包$/);
});
