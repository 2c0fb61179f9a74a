// Hostile and broken files: refused or handled in bounded time and memory, never a crash, never a partial write.
import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../../src/main/ledger/exchange/read';
import { assertSafeXlsx } from '../../../src/main/ledger/exchange/zipguard';
import { fakeId } from '../../fixtures/make-fixtures';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

const HEADER = ['村(社区)', '姓名', '身份证号码', '保障类别', '月保障金', '享受起始时间'];

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Overwrites the uncompressed-size field of every local header and directory entry named `name`. */
function claimSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const nameBytes = strToU8(name);
  const matches = (at: number): boolean => nameBytes.every((b, i) => out[at + i] === b);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50 && view.getUint16(i + 26, true) === nameBytes.length && matches(i + 30))
      view.setUint32(i + 22, size, true);
    if (sig === 0x02014b50 && view.getUint16(i + 28, true) === nameBytes.length && matches(i + 46))
      view.setUint32(i + 24, size, true);
  }
  return out;
}

const message = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('zip bombs and oversized sheets are refused before the spreadsheet library sees them', () => {
  const parts = (sheet: Uint8Array): Uint8Array =>
    zipSync(
      {
        '[Content_Types].xml': strToU8('<Types/>'),
        'xl/workbook.xml': strToU8('<workbook/>'),
        'xl/worksheets/sheet1.xml': sheet,
      },
      { level: 1 },
    );

  it('refuses a sheet declared at 1 GB without inflating it', async () => {
    const bomb = claimSize(parts(strToU8('<worksheet/>')), 'xl/worksheets/sheet1.xml', 1024 * 1024 * 1024);
    expect(await message(readSpreadsheet(bomb, 'bomb.xlsx'))).toBe(
      '“bomb.xlsx”的内部文件 xl/worksheets/sheet1.xml解压后有 1024 MB，超过单表上限 48 MB，已拒绝读取。请按村(社区)拆成几个文件分别导入',
    );
  });

  it('refuses an archive whose directory lies about a small size (inflation is counted and stopped)', () => {
    const big = new Uint8Array(20 * 1024 * 1024).fill(0x20);
    const liar = claimSize(parts(big), 'xl/worksheets/sheet1.xml', 1000);
    expect(() => assertSafeXlsx(liar, 'liar.xlsx')).toThrow(
      '“liar.xlsx”的内部文件 xl/worksheets/sheet1.xml 实际解压大小超过其声明或上限（疑似压缩炸弹），已拒绝读取',
    );
  });

  it('refuses a real 100 MB sheet (a few hundred KB compressed) with a message to split the file', async () => {
    const row = `<row><c t="inlineStr"><is><t>花园村${'填充'.repeat(30)}</t></is></c></row>`;
    const xml = `<worksheet><sheetData>${row.repeat(Math.ceil((100 * 1024 * 1024) / row.length))}</sheetData></worksheet>`;
    const chunks = [xml];
    const file = parts(strToU8(chunks.join('')));
    expect(file.length).toBeLessThan(5 * 1024 * 1024);
    expect(await message(readSpreadsheet(file, '大表.xlsx'))).toMatch(
      /^“大表\.xlsx”的内部文件 xl\/worksheets\/sheet1\.xml解压后有 \d+ MB，超过单表上限 48 MB，已拒绝读取/,
    );
  }, 120_000);
});

describe('files that are not what they say', () => {
  it.each([
    [
      'a web page saved as .xlsx',
      new TextEncoder().encode('<!DOCTYPE html><html><body><table></table></body></html>'),
      '网页（HTML）',
    ],
    ['a PDF renamed .xlsx', new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'PDF 文件'],
    ['random bytes', new Uint8Array([1, 2, 3, 250, 251, 0, 7]), '其他格式的文件'],
  ])('%s is refused with what it really is', async (_what, bytes, what) => {
    expect(await message(readSpreadsheet(bytes, '台账.xlsx'))).toBe(
      `“台账.xlsx”的扩展名是 .xlsx，但内容不是 Excel 工作簿，而是${what}。请在 Excel 或 WPS 中另存为 .xlsx 后导入`,
    );
  });

  it('a truncated .xls (only the OLE2 signature) is refused saying it is not a complete workbook', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await message(readSpreadsheet(ole, '旧台账.xls'))).toMatch(
      /^无法读取“旧台账\.xls”：不是完整的 Excel 97–2003 工作簿（.*）。请在 Excel 或 WPS 中打开后另存为 \.xlsx 再导入$/,
    );
  });

  it('a zip that is not a workbook, and a truncated workbook, are refused', async () => {
    const notBook = zipSync({ 'readme.txt': strToU8('hello') });
    expect(await message(readSpreadsheet(notBook, 'a.xlsx'))).toBe(
      '“a.xlsx”是压缩包，但不是 Excel 工作簿（.xlsx）。请选择 Excel 或 WPS 保存的 .xlsx 文件',
    );
    const good = await xlsx([HEADER, ['花园村', '甲', fakeId('1960-01-01', 1), '农村低保', 500, '2023-01']]);
    const cut = good.slice(0, Math.floor(good.length / 2));
    expect(await message(readSpreadsheet(cut, 'cut.xlsx'))).toMatch(/^“cut\.xlsx”不是有效的 Excel 工作簿/);
  });
});

describe('cells', () => {
  it('a 10 MB cell is reported as too long on its row, and the other rows import', async () => {
    const huge = '长'.repeat(10 * 1024 * 1024);
    const file = await xlsx([
      HEADER,
      ['花园村', huge, fakeId('1960-01-01', 1), '农村低保', 500, '2023-01'],
      ['花园村', '乙', fakeId('1960-01-02', 3), '农村低保', 500, '2023-01'],
    ]);
    const r = await readSpreadsheet(file, 'huge.xlsx');
    expect(r.sheets[0]?.rows[1]?.cells[1]).toEqual({ problem: '单元格内容过长（10485760 个字符），已忽略' });
    expect(r.sheets[0]?.rows[2]?.cells[1]).toBe('乙');
  });

  it('Chinese text comes back intact however the parts are chunked inside the reader', async () => {
    // ExcelJS's streaming reader turned characters split across its chunks into U+FFFD; the reader we use must not.
    const names = Array.from(
      { length: 4000 },
      (_, i) => `${'赵钱孙李周吴郑王冯陈褚卫'.charAt(i % 12)}${'桂英建国秀兰长林'.slice(i % 7, (i % 7) + 2)}${i}`,
    );
    const file = await xlsx([['姓名'], ...names.map((n) => [n])]);
    const r = await readSpreadsheet(file, 'names.xlsx');
    expect(r.sheets[0]?.rows.slice(1).map((x) => x.cells[0])).toEqual(names);
  });

  it('a formula cell gives its cached result', async () => {
    const file = await xlsx([
      HEADER,
      ['花园村', '甲', fakeId('1960-01-01', 1), '农村低保', { formula: '300+330', result: 630 }, '2023-01'],
    ]);
    const r = await readSpreadsheet(file, 'f.xlsx');
    expect(r.sheets[0]?.rows[1]?.cells[4]).toBe(630);
  });
});

describe('never a partial write', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeTestCore();
  });
  afterEach(async () => {
    await t.close();
  });

  it('a failure while writing the third household rolls back everything, journal included', async () => {
    const rows: unknown[][] = [HEADER];
    for (let i = 0; i < 5; i++)
      rows.push(['花园村', `人${i}`, fakeId('1960-02-01', 2 * i + 1), '农村低保', 500, '2023-01']);
    const data = Buffer.from(await xlsx(rows)).toString('base64');
    const journalBefore = t.core.ledger.raw.prepare('SELECT count(*) AS n FROM journal').get();
    // Stands for a disk error or a crash in the middle of the import.
    t.core.ledger.raw.exec(`CREATE TRIGGER fail_third BEFORE INSERT ON cases WHEN (SELECT count(*) FROM cases) >= 2
      BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    const r = await t.clerk.try('exchange.import', { kind: 'cases', fileName: 'x.xlsx', data });
    expect(r.ok).toBe(false);
    const counts = ['people', 'households', 'household_members', 'cases', 'case_members', 'case_amounts'].map(
      (table) => (t.core.ledger.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    );
    expect(counts).toEqual([0, 0, 0, 0, 0, 0]);
    expect(t.core.ledger.raw.prepare('SELECT count(*) AS n FROM journal').get()).toEqual(journalBefore);
  });

  it('a __proto__ header or mapping pollutes nothing', async () => {
    const data = Buffer.from(
      await xlsx([
        [...HEADER, '__proto__', 'prototype'],
        ['花园村', '甲', fakeId('1960-01-01', 1), '农村低保', 500, '2023-01', '{"polluted":1}', 'x'],
      ]),
    ).toString('base64');
    const p = await t.clerk.call('exchange.previewImport', {
      kind: 'cases',
      fileName: 'p.xlsx',
      data,
      mapping: [
        { header: '__proto__', field: '' },
        { header: 'constructor', field: '' },
      ],
    });
    expect(p.errorCount).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
