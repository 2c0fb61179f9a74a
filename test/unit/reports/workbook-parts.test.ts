// The workbook is written with equal cell styles shared (workbook.ts shareStyles) so that ExcelJS renders each
// distinct style once. Every part of the .xlsx must be what ExcelJS writes for the same workbook without that.
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { monthChanges } from '../../../src/main/ledger/reports/changes';
import { figuresWithPrevious } from '../../../src/main/ledger/reports/figures';
import { buildWorkbook, buildWorkbookObject, shareStyles } from '../../../src/main/ledger/reports/workbook';
import { idForExport } from '../../../src/shared/mask';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { buildScenario } from './scenario';

async function parts(wb: ExcelJS.Workbook | Uint8Array): Promise<Record<string, string>> {
  const bytes = wb instanceof Uint8Array ? wb : new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    if (!name.endsWith('/')) out[name] = Buffer.from(data).toString('utf8');
  }
  return out;
}

/** Equal styles on cells of every type, a merged range under a number, text under the same style. */
function tricky(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date('2026-01-01T00:00:00Z');
  const ws = wb.addWorksheet('样式');
  const style = () => ({ font: { name: '宋体', size: 10 }, border: { top: { style: 'thin' as const } } });
  ws.mergeCells(1, 1, 1, 3); // a number over a merged range: the range's cells share its style object
  Object.assign(ws.getCell(1, 1), { value: 12 }, style());
  Object.assign(ws.getCell(2, 1), { value: '文字' }, style());
  Object.assign(ws.getCell(2, 2), { value: new Date('2026-03-01T00:00:00Z') }, style());
  Object.assign(ws.getCell(2, 3), style()); // empty, styled
  Object.assign(ws.getCell(3, 1), { value: 3.5, numFmt: '0.00' }, style());
  Object.assign(ws.getCell(3, 2), { value: '3.5', numFmt: '0.00' }, style());
  ws.mergeCells(4, 1, 5, 2); // text over a merged range, then a number with the same style
  Object.assign(ws.getCell(4, 1), { value: '合并' }, style());
  Object.assign(ws.getCell(6, 1), { value: 7 }, style());
  return wb;
}

describe('the workbook written with shared styles', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeTestCore();
  });
  afterEach(async () => t.close());

  it('gives the parts ExcelJS writes itself, for cells of every type under equal styles', async () => {
    const shared = tricky();
    shareStyles(shared);
    expect(await parts(shared)).toEqual(await parts(tricky()));
  });

  it("gives the month's workbook the parts ExcelJS writes itself", async () => {
    const db = t.core.ledger.db;
    const s = await buildScenario(db);
    await s.fx.roll('2026-03');
    const { figures, previous } = await figuresWithPrevious(db, '2026-03');
    const input = {
      figures,
      previous,
      amountUnit: 'wan' as const,
      formNumber: '民统1表',
      signOff: {
        preparer: '填表人',
        reviewer: '审核人',
        date: '2026-04-05',
        signers: { unitHead: '负责人', deputy: '', finance: '' },
      },
      revision: 2,
      changes: await monthChanges(db, '2026-03', null),
      differences: ['低保 农村 户数：2 → 3'],
      maskId: (x: string) => idForExport(x, false),
      fullIdNotice: null,
      builtAt: '2026-04-05T02:00:00.000Z',
      builtBy: '填表人',
    };
    const fast = await parts(await buildWorkbook(input));
    const plain = await parts(buildWorkbookObject(input));
    expect(Object.keys(fast)).toEqual(Object.keys(plain));
    for (const name of Object.keys(plain)) expect(fast[name], name).toBe(plain[name]);
    expect(fast['xl/sharedStrings.xml']).toContain('最低生活保障');
  });
});
