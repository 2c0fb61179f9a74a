// The template and the export of a register: the same columns (the kind's labels, which its importer reads back),
// one row per active record, and a 填写说明 sheet with each column's rules and the other names it is known by.
// Text-like columns (ID numbers, codes, dates, phones) are text cells so Excel keeps them as typed; counts are
// numbers. ID numbers are masked unless a reviewer or administrator asks for full numbers with a stated purpose.
import ExcelJS from 'exceljs';
import type { FileOutput } from '../../../../shared/api/exchange';
import { LedgerError } from '../../../../shared/errors';
import { FULL_ID_REASON_MESSAGE, FULL_ID_REASON_MIN } from '../../../../shared/mask';
import { today } from '../../../../shared/time';
import type { ServiceContext } from '../../kernel';
import { markFullIds, notesSheet, toOutput } from '../workbooks';
import type { RegisterKindDef } from './spec';

function sheetOf<F extends string>(wb: ExcelJS.Workbook, def: RegisterKindDef<F>): ExcelJS.Worksheet {
  const { spec } = def;
  const ws = wb.addWorksheet(spec.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  const labelOf = new Map(spec.fields.map((f) => [f.key, f.label]));
  const textual = new Set<F>(spec.textColumns);
  ws.columns = spec.columns.map((f) => ({
    header: labelOf.get(f) ?? f,
    key: f,
    width: Math.max(10, Math.min(30, (labelOf.get(f) ?? f).length * 2 + 4)),
    style: textual.has(f) ? { numFmt: '@' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

function notesOf<F extends string>(wb: ExcelJS.Workbook, def: RegisterKindDef<F>): void {
  const { spec } = def;
  const notes = notesSheet(wb);
  for (const key of spec.columns) {
    const f = spec.fields.find((x) => x.key === key);
    if (!f) continue;
    notes.addRow({
      label: f.label,
      rule: (spec.requiredColumns.includes(key) ? '必须有此列。' : '') + (spec.notes[key] ?? ''),
      syn: f.synonyms.filter((s) => s !== f.label).join('、'),
    });
  }
}

export async function registerTemplate<F extends string>(def: RegisterKindDef<F>): Promise<FileOutput> {
  const wb = new ExcelJS.Workbook();
  sheetOf(wb, def);
  notesOf(wb, def);
  return toOutput(wb, `${def.spec.title}导入模板.xlsx`, 0);
}

/** The active records as the template's rows; journalled (`export.<kind>`), as every export is. */
export async function exportRegister<F extends string>(
  ctx: ServiceContext,
  def: RegisterKindDef<F>,
  fullIdNumbers: boolean,
  reason?: string,
): Promise<FileOutput> {
  const { spec } = def;
  const purpose = (reason ?? '').trim();
  const full = spec.personal && fullIdNumbers;
  if (full) {
    if (ctx.actor?.role !== 'reviewer' && ctx.actor?.role !== 'admin') {
      throw new LedgerError('FORBIDDEN', '导出完整身份证号码需要“审核人”或“管理员”权限');
    }
    if (purpose.length < FULL_ID_REASON_MIN) {
      throw new LedgerError('BAD_INPUT', FULL_ID_REASON_MESSAGE, { reason: FULL_ID_REASON_MESSAGE });
    }
  }
  const records = await spec.load(ctx);
  const villages = new Map(
    (await ctx.db.selectFrom('villages').select(['id', 'name']).execute()).map((v) => [v.id, v.name]),
  );
  const wb = new ExcelJS.Workbook();
  const ws = sheetOf(wb, def);
  records.forEach((r, i) => {
    ws.addRow({ ...spec.toRow(r.current, (id) => (id ? (villages.get(id) ?? '') : ''), full), seq: i + 1 });
  });
  const fileName = `${spec.title}${full ? '-含完整身份证号码' : ''}-${today(ctx.now())}.xlsx`;
  if (full) markFullIds(wb, ws, purpose);
  notesOf(wb, def);
  await ctx.journal({
    action: `export.${spec.kind}`,
    entity: spec.kind,
    entityId: 'export',
    after: { records: records.length, fullIdNumbers: full, file: fileName, to: '下载到本机' },
    reason: full ? purpose : spec.personal ? '导出名册（身份证号码已遮挡）' : `导出${spec.title}`,
  });
  return toOutput(wb, fileName, records.length);
}
