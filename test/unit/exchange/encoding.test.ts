// Silent mojibake (issue 23.3): a file whose lines are not all in one encoding, or a cell holding U+FFFD, is an
// error naming the row — never stored as “�����” or “寮犱笁”.
import ExcelJS from 'exceljs';
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

// GBK bytes of 张三 and 李四 (the code points' GB2312 rows/cells, written out so no encoder library is needed).
const GBK_ZHANGSAN = [0xd5, 0xc5, 0xc8, 0xfd];
const GBK_LISI = [0xc0, 0xee, 0xcb, 0xc4];
const utf8 = (s: string): number[] => [...Buffer.from(s, 'utf8')];

const HEADER = '村(社区),姓名,身份证号码,保障类别,月保障金,享受起始月份\r\n';
const line = (name: number[], id: string): number[] => [
  ...utf8('花园村,'),
  ...name,
  ...utf8(`,${id},农村低保,500,2023-01\r\n`),
];
const names = (): string[] =>
  (t.core.ledger.raw.prepare('SELECT name FROM people ORDER BY name').all() as { name: string }[]).map((r) => r.name);

describe('mixed encodings and U+FFFD', () => {
  it('a CSV with a UTF-8 BOM and header but GBK-encoded names: an error on each such row, nothing stored', async () => {
    const bytes = Buffer.from([
      0xef,
      0xbb,
      0xbf,
      ...utf8(HEADER),
      ...line(utf8('王五'), fakeId('1960-01-01', 1)),
      ...line(GBK_ZHANGSAN, fakeId('1960-01-02', 3)),
      ...line(GBK_LISI, fakeId('1960-01-03', 5)),
    ]);
    const input = { kind: 'cases' as const, fileName: '混合编码.csv', data: bytes.toString('base64') };
    const p = await t.clerk.call('exchange.previewImport', input);
    expect(p.encoding).toBe('UTF-8');
    const errors = p.problems.filter((x) => x.severity === 'error' && x.column === 'B（姓名）');
    expect(errors.map((x) => [x.row, x.message])).toEqual([
      [
        3,
        '本行不是 UTF-8 编码（文件开头标明为 UTF-8，本行像是 GBK/GB18030 编码），读出来会是乱码。请把整个文件用同一种编码另存后重新导入',
      ],
      [
        4,
        '本行不是 UTF-8 编码（文件开头标明为 UTF-8，本行像是 GBK/GB18030 编码），读出来会是乱码。请把整个文件用同一种编码另存后重新导入',
      ],
    ]);
    expect(p.rejectedRows).toBe(2);
    const strict = await t.clerk.try('exchange.import', input);
    expect(strict.ok).toBe(false);
    expect(names()).toEqual([]);
    await t.clerk.call('exchange.import', { ...input, partial: true });
    expect(names()).toEqual(['王五']);
  });

  it('a GBK file with one line pasted in as UTF-8: that row is refused, the GBK rows read correctly', async () => {
    const rows = [GBK_ZHANGSAN, GBK_LISI, utf8('王五')];
    // GBK bytes: 花园村, 姓名, 身份证号码, 农村低保.
    const gbk = {
      village: [0xbb, 0xa8, 0xd4, 0xb0, 0xb4, 0xe5],
      name: [0xd0, 0xd5, 0xc3, 0xfb],
      id: [0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0xc2, 0xeb],
      category: [0xc5, 0xa9, 0xb4, 0xe5, 0xb5, 0xcd, 0xb1, 0xa3], // 农村低保
    };
    const file = Buffer.from([
      ...utf8('village,'),
      ...gbk.name,
      0x2c,
      ...gbk.id,
      ...utf8(',category,amount,start\r\n'),
      ...rows.flatMap((name, i) => [
        ...gbk.village,
        0x2c,
        ...name,
        ...utf8(`,${fakeId('1960-02-01', 11 + 2 * i)},`),
        ...gbk.category,
        ...utf8(',500,2023-01\r\n'),
      ]),
    ]);
    const input = {
      kind: 'cases' as const,
      fileName: 'gbk.csv',
      data: file.toString('base64'),
      mapping: [
        { header: 'village', field: 'village' },
        { header: 'category', field: 'category' },
        { header: 'amount', field: 'amount' },
        { header: 'start', field: 'startMonth' },
      ],
    };
    const p = await t.clerk.call('exchange.previewImport', input);
    expect(p.encoding).toBe('GB18030');
    expect(p.problems.filter((x) => x.severity === 'error' && x.row === 4).map((x) => x.message)).toContain(
      '本行的编码与文件其余各行（GBK/GB18030）不同，像是 UTF-8 编码，读出来会是乱码。请把整个文件用同一种编码另存后重新导入',
    );
    await t.clerk.call('exchange.import', { ...input, partial: true });
    expect(names()).toEqual(['张三', '李四'].sort());
  });

  it('an .xlsx cell holding U+FFFD is an error on its row and is never stored', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['村(社区)', '姓名', '身份证号码', '保障类别', '月保障金', '享受起始月份']);
    ws.addRow(['花园村', '王五', fakeId('1960-01-01', 1), '农村低保', 500, '2023-01']);
    ws.addRow(['花园村', '\uFFFD\uFFFD\uFFFD', fakeId('1960-01-02', 3), '农村低保', 500, '2023-01']);
    const data = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const input = { kind: 'cases' as const, fileName: '乱码.xlsx', data };
    const p = await t.clerk.call('exchange.previewImport', input);
    expect(
      p.problems.filter((x) => x.severity === 'error' && x.row === 3).map((x) => [x.column, x.message]),
    ).toContainEqual([
      'B（姓名）',
      '单元格含有无法识别的字符“\uFFFD”（乱码，多半是文件编码不一致造成的），未导入。请在原系统或 Excel 中用同一种编码重新导出',
    ]);
    await t.clerk.call('exchange.import', { ...input, partial: true });
    expect(names()).toEqual(['王五']);
    const stored = t.core.ledger.raw.prepare(`SELECT count(*) AS n FROM people WHERE name LIKE '%\uFFFD%'`).get();
    expect(stored).toEqual({ n: 0 });
  });
});
