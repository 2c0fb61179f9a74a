// Bad input that must be refused by name with nothing written (issue 13): a workbook still open in Excel/WPS or
// LibreOffice (its lock file beside it), and sheets that disagree on their header.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/main/cli/command';
import { main } from '../../../src/main/cli/index';
import { fakeId } from '../../fixtures/make-fixtures';
import { makeTestCore, PASSWORD, type TestCore } from '../../helpers/ledger';

const HEADER = ['序号', '村(社区)', '姓名', '与户主关系', '身份证号码', '保障类别', '月保障金', '享受起始月份'];
const row = (n: number): unknown[] => [
  n,
  '花园村',
  `甲${n}`,
  '户主',
  fakeId('1960-03-01', n * 2 + 1),
  '农村低保',
  500,
  '2023-01',
];

async function workbook(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('sheets that disagree on the header', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
  });
  afterEach(async () => {
    await t.close();
  });

  it('a sheet whose columns differ from the first sheet’s is an error naming both sheets; nothing is written', async () => {
    const data = (
      await workbook({
        花园村: [HEADER, row(1)],
        丁冯村: [
          HEADER.filter((h) => h !== '月保障金').concat('联系电话'),
          row(2)
            .filter((_, i) => i !== 6)
            .concat('139'),
        ],
      })
    ).toString('base64');
    const input = { kind: 'cases' as const, fileName: '两表.xlsx', data };
    const p = await t.clerk.call('exchange.previewImport', input);
    expect(p.problems.filter((x) => x.row === null && x.severity === 'error').map((x) => [x.sheet, x.message])).toEqual(
      [
        [
          '丁冯村',
          '工作表「丁冯村」的表头与工作表「花园村」不一致（缺少：月保障金(元)；多出：联系电话），此工作表未导入。请让各工作表使用相同的列后重新导入',
        ],
      ],
    );
    const r = await t.clerk.try('exchange.import', input);
    expect(r.ok).toBe(false);
    expect(t.core.ledger.raw.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 0 });
  });
});

describe('a workbook still open in Excel/WPS or LibreOffice', () => {
  let dir: string;
  let db: string;
  let ledgerDir: string;
  beforeEach(async () => {
    const t = await makeTestCore();
    db = t.dbPath;
    ledgerDir = t.dir;
    await t.core.close();
    dir = mkdtempSync(join(tmpdir(), 'civil-ledger-lock-'));
    process.env.CIVIL_LEDGER_PASSWORD = PASSWORD;
  });
  afterEach(() => {
    delete process.env.CIVIL_LEDGER_PASSWORD;
    rmSync(dir, { recursive: true, force: true });
    rmSync(ledgerDir, { recursive: true, force: true });
  });

  it.each([
    ['Excel/WPS', '~$台账.xlsx'],
    ['LibreOffice', '.~lock.台账.xlsx#'],
  ])(
    'is refused when %s’s lock file lies beside it, naming the file and the lock; nothing written',
    async (_who, lock) => {
      const file = join(dir, '台账.xlsx');
      writeFileSync(file, await workbook({ 花园村: [HEADER, row(1)] }));
      writeFileSync(join(dir, lock), 'owner');
      const lines: string[] = [];
      const io: CliIO = { out: (s) => lines.push(s), err: (s) => lines.push(s), askSecret: async () => null };
      const code = await main(['import', '--db', db, '--kind', 'cases', '--file', file, '--user', 'clerk'], io);
      expect(code).toBe(2);
      expect(lines).toContain(
        `“台账.xlsx”正在 Excel/WPS 中打开（旁边有锁定文件 ${lock}），未导入任何数据。请先在 Excel/WPS 中保存并关闭该文件，再导入`,
      );
      const raw = new Database(db, { readonly: true });
      expect(raw.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 0 });
      raw.close();
    },
  );
});
