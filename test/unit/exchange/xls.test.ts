// Excel 97–2003 (.xls), a web page saved as “.xls”, CSV text under that name, and an encrypted workbook (issue 13).
// Workbooks are written here with @e965/xlsx (SheetJS CE 0.20.3); people are invented.
import * as XLSX from '@e965/xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeId } from '../../fixtures/make-fixtures';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
});
afterEach(async () => {
  await t.close();
});

const ROWS = [
  ['序号', '村(社区)', '户主姓名', '姓名', '与户主关系', '身份证号码', '保障类别', '月保障金', '享受起始月份'],
  [1, '花园村', '王建国', '王建国', '户主', fakeId('1955-02-03', 11), '农村低保', 900, '2023-01'],
  [null, '花园村', '王建国', '李秀英', '妻', fakeId('1957-06-07', 22), null, null, null],
  [2, '花园村', '王建国', '王建国', '户主', fakeId('1961-08-09', 33), '农村特困（分散）', 1100, '2023-05'],
];

const households = (): unknown[] =>
  t.core.ledger.raw
    .prepare(
      `SELECT p.name AS head, c.category, c.monthly_amount_fen AS amount, c.start_month AS start,
              (SELECT count(*) FROM household_members m WHERE m.household_id = h.id) AS members
         FROM cases c JOIN households h ON h.id = c.household_id JOIN people p ON p.id = h.head_person_id
        ORDER BY p.id_number`,
    )
    .all();

const EXPECTED = [
  { head: '王建国', category: 'dibao', amount: 90000, start: '2023-01', members: 2 },
  { head: '王建国', category: 'tekun', amount: 110000, start: '2023-05', members: 1 },
];

describe('.xls and files named .xls', () => {
  it('an Excel 97–2003 workbook (BIFF8) imports with its households, amounts and months', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(ROWS), '台账');
    const data = Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer).toString('base64');
    const input = { kind: 'cases' as const, fileName: '低保台账.xls', data };
    const p = await t.clerk.call('exchange.previewImport', input);
    expect(p).toMatchObject({ format: 'xls', errorCount: 0, households: 2 });
    await t.clerk.call('exchange.import', input);
    expect(households()).toEqual(EXPECTED);
  });

  it('a web page saved as .xls (what web systems export) is read as the HTML table it is', async () => {
    const cell = (v: unknown): string => `<td>${v ?? ''}</td>`;
    const html =
      '<html><head><meta charset="utf-8"></head><body><table>' +
      ROWS.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('') +
      '</table></body></html>';
    const input = { kind: 'cases' as const, fileName: '系统导出.xls', data: Buffer.from(html).toString('base64') };
    const p = await t.clerk.call('exchange.previewImport', input);
    expect(p).toMatchObject({ format: 'html', errorCount: 0, households: 2 });
    await t.clerk.call('exchange.import', input);
    expect(households()).toEqual(EXPECTED);
  });

  it('tab-separated text named .xls is read as CSV', async () => {
    const text = ROWS.map((r) => r.map((v) => v ?? '').join('\t')).join('\r\n');
    const input = { kind: 'cases' as const, fileName: '导出.xls', data: Buffer.from(text).toString('base64') };
    const p = await t.clerk.call('exchange.previewImport', input);
    expect(p).toMatchObject({ format: 'csv', encoding: 'UTF-8', errorCount: 0, households: 2 });
  });

  it('Excel’s “Unicode 文本” (UTF-16 with its BOM, tab-separated) named .xls is read as text, households kept', async () => {
    const text = ROWS.map((r) => r.map((v) => v ?? '').join('\t')).join('\r\n');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const input = { kind: 'cases' as const, fileName: '系统导出.xls', data: bytes.toString('base64') };
    const p = await t.clerk.call('exchange.previewImport', input);
    expect(p).toMatchObject({ format: 'csv', encoding: 'UTF-16LE', errorCount: 0, households: 2 });
    await t.clerk.call('exchange.import', input);
    expect(households()).toEqual(EXPECTED);
  });

  it('text named .xlsx is refused saying it is text', async () => {
    const text = ROWS.map((r) => r.map((v) => v ?? '').join(',')).join('\r\n');
    const r = await t.clerk.try('exchange.previewImport', {
      kind: 'cases',
      fileName: '台账.xlsx',
      data: Buffer.from(text).toString('base64'),
    });
    expect(r.ok ? '' : r.error.message).toBe(
      '“台账.xlsx”的扩展名是 .xlsx，但内容不是 Excel 工作簿，而是文本文件（如 CSV）。请在 Excel 或 WPS 中另存为 .xlsx 后导入',
    );
  });

  it('a password-protected workbook is refused with a Chinese message naming the file, nothing written', async () => {
    const CFB = (
      XLSX as unknown as {
        CFB: { utils: Record<string, (...a: unknown[]) => unknown>; write: (...a: unknown[]) => Buffer };
      }
    ).CFB;
    const cfb = CFB.utils.cfb_new?.();
    CFB.utils.cfb_add?.(cfb, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0, ...new Array(200).fill(0)]));
    CFB.utils.cfb_add?.(cfb, '/EncryptedPackage', Buffer.alloc(4096, 7));
    const data = CFB.write(cfb, { type: 'buffer' }).toString('base64');
    const r = await t.clerk.try('exchange.import', { kind: 'cases', fileName: '加密台账.xlsx', data });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toBe(
        '“加密台账.xlsx”设置了打开密码（文件已加密），无法读取，未导入任何数据。请在 Excel/WPS 中取消密码（文件→信息→保护工作簿）后另存再导入',
      );
    expect(households()).toEqual([]);
  });
});
