// Bounded reading (issue 23.4): a workbook of 190,000 styled but empty rows, a sheet of a million rows, and a call
// that arrives while a big preview runs. Memory is measured in the benchmark (test/bench/import.ts), not here.
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
});
afterEach(async () => {
  await t.close();
});

/** A real .xlsx package around one sheet's rows (the XML Excel writes, with a styles part). */
function xlsx(sheetName: string, rowsXml: string): string {
  const files = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    ),
    'xl/styles.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font/><font><b/></font></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="2"><xf fontId="0"/><xf fontId="1"/></cellXfs></styleSheet>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData></worksheet>`,
    ),
  };
  return Buffer.from(zipSync(files, { level: 6 })).toString('base64');
}

const HEADER_ROW =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号码</t></is></c></row>';

/**
 * `rows` rows × 11 styled empty cells under a header (190,000 rows: about 6 MB as a file, 40 MB of XML, the case of
 * issue 23.4; the test uses 60,000 to stay quick on a loaded machine — the benchmark reads the full size).
 */
function denseEmpty(rows: number): string {
  const parts: string[] = [HEADER_ROW];
  for (let r = 2; r <= rows + 1; r++) {
    let s = `<row r="${r}">`;
    for (const c of 'ABCDEFGHIJK') s += `<c r="${c}${r}" s="1"/>`;
    parts.push(`${s}</row>`);
  }
  return xlsx('台账', parts.join(''));
}

describe('bounded reading', () => {
  it('60,000 styled empty rows are read as the one header row they hold, and a concurrent call is answered meanwhile', async () => {
    const data = denseEmpty(60_000);
    const order: string[] = [];
    const preview = t.clerk.try('exchange.previewImport', { kind: 'cases', fileName: '空行.xlsx', data }).then((r) => {
      order.push('preview');
      return r;
    });
    // Issued after the preview started: answered while the preview is still reading the sheet.
    await new Promise((r) => setImmediate(r));
    const me = t.clerk.call('auth.me', {}).then((u) => {
      order.push('auth.me');
      return u;
    });
    const [p, u] = await Promise.all([preview, me]);
    expect(u.username).toBe('clerk');
    expect(order).toEqual(['auth.me', 'preview']);
    expect(p.ok).toBe(true);
    if (p.ok) {
      expect(p.data.rows).toBe(0);
      expect(p.data.sheets.map((s) => [s.name, s.dataRows])).toEqual([['台账', 0]]);
    }
  }, 120_000);

  it('a sheet of a million rows is refused with a message naming the file and the sheet; nothing is written', async () => {
    const parts: string[] = [HEADER_ROW];
    for (let r = 2; r <= 1_000_001; r++) parts.push('<row><c><v>1</v></c></row>');
    const data = xlsx('花园村', parts.join(''));
    const r = await t.clerk.try('exchange.import', { kind: 'cases', fileName: '百万行.xlsx', data });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toBe(
        '“百万行.xlsx”的工作表「花园村」超过 100000 行有内容的行，已停止读取。请按村(社区)拆成几个文件分别导入',
      );
    }
    const people = t.core.ledger.raw.prepare('SELECT count(*) AS n FROM people').get();
    expect(people).toEqual({ n: 0 });
  }, 120_000);
});
