// The BIFF8 cell reader (exchange/xls-biff.ts) against SheetJS (@e965/xlsx), on .xls files written by LibreOffice
// (test/fixtures/xls, made by test/fixtures/make-xls.ts) and by SheetJS: the same sheets, the same rows, the same
// values; and damaged files refused with a Chinese message naming the file and the sheet, nothing written.
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_READ_LIMITS, type SheetRows } from '../../../src/main/ledger/exchange/cells';
import { readSpreadsheet } from '../../../src/main/ledger/exchange/read';
import { readWithSheetJS, readXls } from '../../../src/main/ledger/exchange/xls';
import { workbookStream } from '../../../src/main/ledger/exchange/xls-cfb';
import { RecordCursor, Records } from '../../../src/main/ledger/exchange/xls-records';
import { fakeId } from '../../fixtures/make-fixtures';
import { remark, XLS_FIXTURE } from '../../fixtures/make-xls';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

interface Cfb {
  utils: { cfb_new(): unknown; cfb_add(cfb: unknown, path: string, content: Buffer): void };
  write(cfb: unknown, o: { type: 'buffer' }): Buffer;
}
const CFB = (XLSX as unknown as { CFB: Cfb }).CFB;

const fixture = (): Uint8Array => new Uint8Array(readFileSync(XLS_FIXTURE));
const read = (bytes: Uint8Array, name = '台账.xls'): Promise<SheetRows[]> => readXls(bytes, name, DEFAULT_READ_LIMITS);
const rowOf = (sheet: SheetRows | undefined, first: unknown): unknown[] | undefined =>
  sheet?.rows.find((r) => r.cells[0] === first)?.cells;

/** A compound file holding `workbook` as its Workbook stream. */
function container(workbook: Buffer): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, '/Workbook', workbook);
  return new Uint8Array(CFB.write(cfb, { type: 'buffer' }));
}

/**
 * The fixture with each FORMULA record in column `col` of the first sheet saved with a text result — the text of
 * column `from` in its row — and the STRING record after it; the later sheets' positions are moved to match.
 */
async function withTextResults(bytes: Uint8Array, col: number, from: number): Promise<Uint8Array> {
  const stream = workbookStream(bytes);
  if (!stream) throw new Error('fixture has no Workbook stream');
  const texts = new Map<number, string>();
  for (const r of (await read(bytes))[0]?.rows ?? []) texts.set(r.rowNumber - 1, String(r.cells[from]));
  const records: [number, number][] = [];
  for (let at = 0; at + 4 <= stream.length; at += 4 + stream.readUInt16LE(at + 2)) {
    records.push([at, at + 4 + stream.readUInt16LE(at + 2)]);
  }
  const boundSheets = records.filter(([at]) => stream.readUInt16LE(at) === 0x0085).map(([at]) => at);
  const [first, second] = boundSheets.map((at) => stream.readUInt32LE(at + 4));
  const parts: Buffer[] = [];
  let added = 0;
  for (const [at, end] of records) {
    const record = Buffer.from(stream.subarray(at, end));
    parts.push(record);
    if (record.readUInt16LE(0) !== 0x0006) continue;
    const text = texts.get(record.readUInt16LE(4));
    const inFirstSheet = first !== undefined && second !== undefined && at > first && at < second;
    if (inFirstSheet && record.readUInt16LE(6) === col && text !== undefined) {
      Buffer.from([0, 0, 0, 0, 0, 0, 0xff, 0xff]).copy(record, 10);
      const data = Buffer.concat([Buffer.from([text.length, 0, 1]), Buffer.from(text, 'utf16le')]);
      const head = Buffer.alloc(4);
      head.writeUInt16LE(0x0207, 0);
      head.writeUInt16LE(data.length, 2);
      parts.push(head, data);
      added += 4 + data.length;
    }
  }
  const out = Buffer.concat(parts);
  // BOUNDSHEET records come before any sheet: the first sheet stays where it was, the later ones move by `added`.
  for (const at of boundSheets.slice(1)) out.writeUInt32LE(out.readUInt32LE(at + 4) + added, at + 4);
  return container(out);
}

const message = async (f: () => Promise<unknown>): Promise<string> => {
  try {
    await f();
    return 'no error';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('the .xls reader gives the rows SheetJS gives', () => {
  it('on a workbook LibreOffice wrote: shared strings over CONTINUE records, RK, dates, formulas, blank rows', async () => {
    // The file holds the records the reader must handle, so this test cannot pass by not meeting them.
    const stream = workbookStream(fixture());
    if (!stream) throw new Error('fixture has no Workbook stream');
    const types = new Set<number>();
    for (const recs = new Records(stream, 0); recs.next();) types.add(recs.type);
    // SST, CONTINUE, LABELSST, RK or MULRK, NUMBER, FORMULA, FORMAT, XF
    expect([0xfc, 0x3c, 0xfd, 0x203, 0x06, 0x41e, 0xe0].filter((x) => !types.has(x))).toEqual([]);
    expect(types.has(0x27e) || types.has(0xbd)).toBe(true);
    const sheets = await read(fixture());
    expect(sheets).toEqual(await readWithSheetJS(fixture(), '台账.xls', DEFAULT_READ_LIMITS));
    expect(sheets.map((s) => [s.name, s.rows.length])).toEqual([
      ['低保台账', 202],
      ['花园村', 3],
      ['空白页', 0],
    ]);
    const [ledger, village] = sheets;
    // 序号 1: whole numbers (RK), a date in yyyy-mm-dd, formulas saved with a number, a text and false
    expect(rowOf(ledger, 1)).toEqual([
      1,
      '花园村',
      '李林春',
      fakeId('1941-02-11', 1),
      '农村低保',
      401,
      new Date(Date.UTC(2016, 1, 2)),
      4812,
      0, // LibreOffice saves 0 as the result of a text formula (see the test below for one saved with its text)
      false,
      remark(1),
    ]);
    // 序号 7: a fraction (a NUMBER record), a date in yyyy"年"m"月"d"日", true
    expect(rowOf(ledger, 7)?.slice(5, 10)).toEqual([612.357, new Date(Date.UTC(2022, 7, 8)), 612.357 * 12, 0, true]);
    // Texts cut by a CONTINUE record (LibreOffice splits the shared strings every 8,224 bytes) come out whole.
    for (const n of [59, 119, 178]) expect(rowOf(ledger, n)?.[10]).toBe(remark(n));
    // Blank rows are not rows; row numbers are the sheet's own.
    expect(ledger?.rows.slice(51, 54).map((r) => r.rowNumber)).toEqual([52, 54, 55]);
    expect(village?.rows.map((r) => r.rowNumber)).toEqual([1, 2, 4]);
    expect(village?.rows[2]?.cells).toEqual([
      '王建国',
      fakeId('1978-07-02', 31),
      -45.5,
      { problem: '单元格是错误值 #DIV/0!' },
    ]);
  });

  it('on a workbook SheetJS wrote: several sheets, dates, numbers, Chinese text, a blank row', async () => {
    const long = '城东街道花园村村民委员会关于最低生活保障对象动态管理的说明'.repeat(3);
    const wb = XLSX.utils.book_new();
    const rows: unknown[][] = [
      ['序号', '姓名', '身份证号码', '月保障金', '享受起始时间', '备注'],
      ...Array.from({ length: 300 }, (_, i) => [
        i + 1,
        `王${'建国秀英桂兰'.charAt(i % 6)}${i}`,
        fakeId('1955-02-03', i + 1),
        i % 2 ? 900 : 1234.56,
        new Date(Date.UTC(2023, i % 12, 1)),
        `${long}${i}`,
      ]),
    ];
    rows.splice(10, 0, []);
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows, { cellDates: true }), '低保');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['姓名'], ['李秀英'], [true]]), '特困');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer);
    const sheets = await read(bytes);
    expect(sheets).toEqual(await readWithSheetJS(bytes, '台账.xls', DEFAULT_READ_LIMITS));
    expect(sheets.map((s) => [s.name, s.rows.length])).toEqual([
      ['低保', 300 + 1],
      ['特困', 3],
    ]);
    expect(rowOf(sheets[0], 2)).toEqual(rows[2]);
    expect(sheets[1]?.rows[2]?.cells).toEqual([true]);
  });

  it('reads the text a formula was saved with (a FORMULA record, then its STRING record, as Excel writes them)', async () => {
    // The fixture's column I holds =C3&"" …; give each its name as saved text, the way Excel saves a text result.
    const sheets = await read(await withTextResults(fixture(), 8, 2));
    expect(sheets).toEqual(
      await readWithSheetJS(await withTextResults(fixture(), 8, 2), '台账.xls', DEFAULT_READ_LIMITS),
    );
    expect(rowOf(sheets[0], 1)?.slice(2, 10)).toEqual([
      '李林春',
      fakeId('1941-02-11', 1),
      '农村低保',
      401,
      new Date(Date.UTC(2016, 1, 2)),
      4812,
      '李林春',
      false,
    ]);
    expect(sheets[0]?.rows.filter((r) => typeof r.cells[0] === 'number').every((r) => r.cells[8] === r.cells[2])).toBe(
      true,
    );
    expect(sheets.map((s) => [s.name, s.rows.length])).toEqual([
      ['低保台账', 202],
      ['花园村', 3],
      ['空白页', 0],
    ]);
  });

  it('leaves an Excel 5.0/95 workbook (BIFF5, a "Book" stream; SheetJS writes it without Chinese) to SheetJS', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['name', 'amount'],
        ['Zhou Guiying', 1260],
      ]),
      '台账',
    );
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'biff5' }) as Buffer);
    expect(workbookStream(bytes)).toBeNull();
    expect((await read(bytes)).map((s) => s.rows.map((r) => r.cells))).toEqual([
      [
        ['name', 'amount'],
        ['Zhou Guiying', 1260],
      ],
    ]);
  });

  it('reads a string whose second part, after a CONTINUE record, is stored in the other width', async () => {
    // "ab" compressed (1 byte each), then a CONTINUE whose option byte says UTF-16: "中文"
    const buf = Buffer.from([0x04, 0x00, 0x00, 0x61, 0x62, 0x01, 0x2d, 0x4e, 0x87, 0x65]);
    expect(new RecordCursor(buf, [0, 5, 5, 10]).richText()).toBe('ab中文');
    // and the other way: UTF-16 "中", then compressed "ab"
    const back = Buffer.from([0x03, 0x00, 0x01, 0x2d, 0x4e, 0x00, 0x61, 0x62]);
    expect(new RecordCursor(back, [0, 5, 5, 8]).richText()).toBe('中ab');
  });
});

describe('a LibreOffice-written .xls through the import', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
  });
  afterEach(async () => {
    await t.close();
  });

  it('imports its households with their amounts and start dates', async () => {
    const input = { kind: 'cases' as const, fileName: '台账.xls', data: Buffer.from(fixture()).toString('base64') };
    const p = await t.admin.call('exchange.previewImport', input);
    // 低保台账: every seventh amount but one has three decimals (612.357 元), refused as money must be; 花园村 has no
    // 保障类别 column. Everything else is read as written.
    const errors = p.problems.filter((x) => x.severity === 'error');
    expect(errors.filter((x) => x.sheet === '低保台账').map((x) => x.message.slice(0, 19))).toEqual(
      Array.from({ length: 27 }, () => '月保障金：金额最多保留两位小数（到分）'),
    );
    await t.admin.call('exchange.import', { ...input, partial: true });
    const rows = t.core.ledger.raw
      .prepare(
        `SELECT p.name, p.id_number AS id, c.monthly_amount_fen AS amount, c.start_month AS start
           FROM cases c JOIN households h ON h.id = c.household_id JOIN people p ON p.id = h.head_person_id
          ORDER BY p.id_number`,
      )
      .all();
    expect(rows).toHaveLength(200 - 27);
    expect(rows).toContainEqual({ name: '李林春', id: fakeId('1941-02-11', 1), amount: 40100, start: '2016-02' });
    const two = rowOf((await read(fixture()))[0], 2) ?? [];
    expect(rows).toContainEqual({ name: two[2], id: two[3], amount: 40200, start: '2017-03' });
  });
});

describe('damaged .xls files', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
  });
  afterEach(async () => {
    await t.close();
  });

  const NOT_COMPLETE =
    /^无法读取“台账\.xls”：不是完整的 Excel 97–2003 工作簿（(.+)）。请在 Excel 或 WPS 中打开后另存为 \.xlsx 再导入$/;

  it('a workbook cut off inside a sheet names the file and the sheet, and nothing is written', async () => {
    const stream = workbookStream(fixture());
    if (!stream) throw new Error('fixture has no Workbook stream');
    const cut = container(stream.subarray(0, Math.floor(stream.length * 0.7)));
    expect(await message(() => read(cut))).toMatch(NOT_COMPLETE);
    expect(await message(() => read(cut))).toMatch(/工作表「低保台账」：文件不完整.*第 \d+ 行附近/);
    const data = Buffer.from(cut).toString('base64');
    const r = await t.admin.try('exchange.import', { kind: 'cases', fileName: '台账.xls', data });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^无法读取“台账\.xls”：.*工作表「低保台账」/);
    expect(t.core.ledger.raw.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 0 });
  });

  it('an encrypted workbook (a FILEPASS record) goes to SheetJS and is refused as password-protected', async () => {
    const stream = workbookStream(fixture());
    if (!stream) throw new Error('fixture has no Workbook stream');
    const bofEnd = 4 + stream.readUInt16LE(2);
    // FILEPASS after the first BOF: RC4 encryption, version 1.1, salt and verifier (48 bytes)
    const filePass = Buffer.concat([Buffer.from([0x2f, 0, 54, 0, 1, 0, 1, 0, 1, 0]), Buffer.alloc(48, 7)]);
    const bytes = container(Buffer.concat([stream.subarray(0, bofEnd), filePass, stream.subarray(bofEnd)]));
    const data = Buffer.from(bytes).toString('base64');
    const r = await t.admin.try('exchange.import', { kind: 'cases', fileName: '加密.xls', data });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toBe(
        '“加密.xls”设置了打开密码（文件已加密），无法读取，未导入任何数据。请在 Excel/WPS 中取消密码（文件→信息→保护工作簿）后另存再导入',
      );
    expect(t.core.ledger.raw.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 0 });
  });

  it('a file cut short (the container itself) is refused as incomplete', async () => {
    const bytes = fixture();
    for (const length of [600, 4096, Math.floor(bytes.length / 2)]) {
      expect(await readSpreadsheet(bytes.subarray(0, length), '台账.xls').catch((e: Error) => e.message)).toMatch(
        NOT_COMPLETE,
      );
    }
  });

  it('a shared-string number beyond the table, and a sector chain that loops, are refused', async () => {
    const stream = workbookStream(fixture());
    if (!stream) throw new Error('fixture has no Workbook stream');
    const bad = Buffer.from(stream);
    for (let at = 0; at + 4 <= bad.length; at += 4 + bad.readUInt16LE(at + 2)) {
      if (bad.readUInt16LE(at) === 0x00fd) {
        bad.writeUInt32LE(999_999, at + 4 + 6); // the first LABELSST
        break;
      }
    }
    expect(await message(() => read(container(bad)))).toMatch(/工作表「低保台账」：第 1 行引用了不存在的共享字符串/);

    const loop = fixture().slice();
    const view = Buffer.from(loop.buffer);
    const dirStart = view.readUInt32LE(0x30);
    const fatSector = view.readUInt32LE(0x4c + Math.floor(dirStart / 128) * 4);
    view.writeUInt32LE(dirStart, (fatSector + 1) * 512 + (dirStart % 128) * 4); // the directory's sector points to itself
    expect(await message(() => read(loop))).toMatch(NOT_COMPLETE);
    expect(await message(() => read(loop))).toContain('扇区链断开或循环');
  });
});
