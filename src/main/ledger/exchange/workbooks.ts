// Workbooks the app writes: the case ledger export (a filtered view), the import template, and the rejected rows
// of an import with a 问题 column. Exports use the template's columns, so an exported file imports back unchanged.
// Text cells are written as strings (an xlsx string cell is never evaluated, so no formula-injection prefix is
// needed); amounts as numbers with two decimals; months and ID numbers as text so Excel does not mangle them.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { CaseExportFilter, FileOutput } from '../../../shared/api/exchange';
import { LedgerError } from '../../../shared/errors';
import { normalizeIdNumber } from '../../../shared/idcard';
import { FULL_ID_REASON_MESSAGE, FULL_ID_REASON_MIN, fullIdNotice, idForExport } from '../../../shared/mask';
import { label } from '../../../shared/labels';
import { fenToYuanNumber } from '../../../shared/money';
import { today } from '../../../shared/time';
import type { ServiceContext } from '../kernel';
import type { CellValue, SheetRows } from './cells';
import { CASE_FIELDS, type CaseField } from './fields';
import { rowKey, type ImportProblem } from './problems';

/** The columns of the case template and export, in order. */
export const CASE_COLUMNS: CaseField[] = [
  'seq',
  'village',
  'headName',
  'name',
  'relation',
  'idNumber',
  'sex',
  'category',
  'area',
  'supportMode',
  'careGrade',
  'persons',
  'amount',
  'baseAmount',
  'supplementAmount',
  'appliedOn',
  'startMonth',
  'stopMonth',
  'stopReason',
  'status',
  'caseNo',
  'address',
  'phone',
];

const labelOf = new Map(CASE_FIELDS.map((f) => [f.key, f.label]));
const MONEY: ReadonlySet<CaseField> = new Set(['amount', 'baseAmount', 'supplementAmount']);
const TEXT: ReadonlySet<CaseField> = new Set(['idNumber', 'appliedOn', 'startMonth', 'stopMonth', 'caseNo', 'phone']);

function caseSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = CASE_COLUMNS.map((f) => ({
    header: labelOf.get(f) ?? f,
    key: f,
    width: f === 'idNumber' ? 22 : f === 'address' ? 30 : f === 'category' ? 18 : 12,
    style: MONEY.has(f) ? { numFmt: '0.00' } : TEXT.has(f) ? { numFmt: '@' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

export async function toOutput(wb: ExcelJS.Workbook, fileName: string, rows: number): Promise<FileOutput> {
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName, data: buf.toString('base64'), rows };
}

/**
 * An export carrying full ID numbers says so on its face: the printed header of every page, the file's properties,
 * and a 说明 sheet after the data (an import skips a sheet without a header, so the file still imports back unchanged).
 */
export function markFullIds(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, purpose: string): void {
  const notice = fullIdNotice(purpose);
  ws.headerFooter.oddHeader = notice;
  wb.subject = notice;
  const note = wb.addWorksheet('含完整身份证号码-说明');
  note.getCell(1, 1).value = notice;
  note.getColumn(1).width = 90;
}

/** The 填写说明 sheet of a template: one row per column (label, rule, the other names it is recognised by). */
export function notesSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [
    { header: '列', key: 'label', width: 16 },
    { header: '填写要求', key: 'rule', width: 70 },
    { header: '也可识别的列名', key: 'syn', width: 60 },
  ];
  notes.getRow(1).font = { bold: true };
  return notes;
}

export async function caseTemplate(): Promise<FileOutput> {
  const wb = new ExcelJS.Workbook();
  caseSheet(wb, '社会救助台账');
  const notes = notesSheet(wb);
  const rules: Partial<Record<CaseField, string>> = {
    village:
      '本街道/乡镇的村(社区)，可写简称：夏庄村 = 夏庄村委会，杨庄社区 = 杨庄居委会。每村一个工作表时可不填，以工作表名为村名',
    headName: '每户第一行填写；同户其他成员行可留空或合并单元格',
    name: '每位保障成员各占一行（户主也占一行）',
    relation: '户主、配偶、子、女、父亲、母亲、孙子女、兄弟姐妹、其他',
    idNumber:
      '18 位（旧版 15 位也可），末位 x 大小写均可。请把该列设为“文本”，否则 Excel 会显示为 1.10105E+17 并丢失后三位',
    category:
      '农村低保、城市低保、特困供养（可写“农村特困（分散）”）、低保边缘、临时救助、刚性支出、困难残疾人生活补贴、重度残疾人护理补贴、孤儿、事实无人抚养儿童；单人保写“农村低保（单人保）”',
    area: '城市 或 农村；类别里已写明城乡时可不填；都没有时按村委会=农村、居委会/社区=城市',
    supportMode: '特困、孤儿填写：集中供养 / 分散供养',
    persons: '本户保障人数，应等于本户列出的成员行数',
    amount: '元，可写 1234.5、1,234.50、1234.5元；临时救助填救助金额',
    startMonth: '2023-05、2023/5/1、2023.05、2023年5月、202305 或 Excel 日期均可；临时救助填发放月份',
    stopMonth: '已停保的填写停保月份（第一个不再发放的月份），在保的留空',
    status: '在保 或 停保（可留空：有停保月份即为停保）',
  };
  for (const f of CASE_COLUMNS) {
    const def = CASE_FIELDS.find((d) => d.key === f);
    if (!def) continue;
    notes.addRow({
      label: def.label,
      rule: rules[f] ?? '',
      syn: def.synonyms.filter((s) => s !== def.label).join('、'),
    });
  }
  return toOutput(wb, '社会救助台账导入模板.xlsx', 0);
}

interface ExportCaseRow {
  case_id: string;
  category: string;
  area: string;
  single_person: number;
  support_mode: string | null;
  care_grade: string | null;
  status: string;
  case_no: string | null;
  applied_on: string;
  start_month: string | null;
  stop_month: string | null;
  stop_reason: string | null;
  monthly_amount_fen: number | null;
  grant_amount_fen: number | null;
  grant_month: string | null;
  household_id: string;
  address: string | null;
  phone: string | null;
  village: string;
  head_name: string | null;
}

export async function exportCases(
  ctx: ServiceContext,
  filter: CaseExportFilter,
  fullIdNumbers: boolean,
  reason?: string,
): Promise<FileOutput> {
  // Full ID numbers only for a role that may, with a stated purpose (src/shared/mask.ts, docs/DATA-SAFETY.md).
  const purpose = (reason ?? '').trim();
  if (fullIdNumbers) {
    if (ctx.actor?.role !== 'reviewer' && ctx.actor?.role !== 'admin') {
      throw new LedgerError('FORBIDDEN', '导出完整身份证号码需要“审核人”或“管理员”权限');
    }
    if (purpose.length < FULL_ID_REASON_MIN) {
      throw new LedgerError('BAD_INPUT', FULL_ID_REASON_MESSAGE, { reason: FULL_ID_REASON_MESSAGE });
    }
  }
  let q = ctx.db
    .selectFrom('cases as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .innerJoin('villages as v', 'v.id', 'h.village_id')
    .leftJoin('people as head', 'head.id', 'h.head_person_id')
    .select([
      'c.id as case_id',
      'c.category',
      'c.area',
      'c.single_person',
      'c.support_mode',
      'c.care_grade',
      'c.status',
      'c.case_no',
      'c.applied_on',
      'c.start_month',
      'c.stop_month',
      'c.stop_reason',
      'c.monthly_amount_fen',
      'c.grant_amount_fen',
      'c.grant_month',
      'h.id as household_id',
      'h.address',
      'h.phone',
      'v.name as village',
      'head.name as head_name',
    ]);
  const status = filter.status ?? 'active';
  q = status === 'all' ? q.where('c.status', 'in', ['active', 'stopped']) : q.where('c.status', '=', status);
  if (filter.villageId) q = q.where('h.village_id', '=', filter.villageId);
  if (filter.category) q = q.where('c.category', '=', filter.category);
  if (filter.area) q = q.where('c.area', '=', filter.area);
  if (filter.search) {
    const s = filter.search;
    const id = normalizeIdNumber(s);
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_members as cm')
          .innerJoin('people as p', 'p.id', 'cm.person_id')
          .select(sql`1`.as('one'))
          .whereRef('cm.case_id', '=', 'c.id')
          .where((w) =>
            w.or([
              w('p.name', 'like', `%${s}%`),
              w('p.name_initials', 'like', `${s.toLowerCase()}%`),
              ...(/^[0-9X]{4,18}$/.test(id) ? [w('p.id_number', 'like', `%${id}%`)] : []),
            ]),
          ),
      ),
    );
  }
  const cases = (await q.orderBy('v.sort_order').orderBy('h.id').orderBy('c.category').execute()) as ExportCaseRow[];

  const wb = new ExcelJS.Workbook();
  const ws = caseSheet(wb, '社会救助台账');
  let seq = 0;
  let rows = 0;
  // Members per case in chunks, head first, then in the order they joined the household.
  for (let i = 0; i < cases.length; i += 400) {
    const chunk = cases.slice(i, i + 400);
    const members = await ctx.db
      .selectFrom('case_members as cm')
      .innerJoin('people as p', 'p.id', 'cm.person_id')
      .innerJoin('cases as c', 'c.id', 'cm.case_id')
      .leftJoin('household_members as hm', (j) =>
        j.onRef('hm.person_id', '=', 'p.id').onRef('hm.household_id', '=', 'c.household_id'),
      )
      .select([
        'cm.case_id',
        'p.id as person_id',
        'p.name',
        'p.id_number',
        'p.sex',
        'hm.relation',
        'hm.created_at as joined',
      ])
      .where(
        'cm.case_id',
        'in',
        chunk.map((c) => c.case_id),
      )
      .orderBy('cm.case_id')
      .orderBy(sql`case when hm.relation = '户主' then 0 else 1 end`)
      .orderBy('hm.created_at')
      .orderBy('hm.id')
      .execute();
    const byCase = new Map<string, typeof members>();
    for (const m of members) {
      const list = byCase.get(m.case_id) ?? [];
      if (!list.some((x) => x.person_id === m.person_id)) list.push(m);
      byCase.set(m.case_id, list);
    }
    for (const c of chunk) {
      const list = byCase.get(c.case_id) ?? [];
      seq++;
      const linshi = c.category === 'linshi';
      const amount = linshi ? c.grant_amount_fen : c.monthly_amount_fen;
      const amounts = linshi
        ? null
        : await ctx.db
            .selectFrom('case_amounts')
            .select(['base_fen', 'supplement_fen'])
            .where('case_id', '=', c.case_id)
            .orderBy('effective_month', 'desc')
            .orderBy('created_at', 'desc')
            .limit(1)
            .executeTakeFirst();
      list.forEach((m, k) => {
        const first = k === 0;
        ws.addRow({
          seq: first ? seq : null,
          village: c.village,
          headName: first ? (c.head_name ?? '') : null,
          name: m.name,
          relation: m.relation ?? '其他',
          idNumber: idForExport(m.id_number, fullIdNumbers),
          sex: label('sex', m.sex),
          category: label('caseCategory', c.category) + (c.single_person ? '（单人保）' : ''),
          area: label('area', c.area),
          supportMode: label('supportMode', c.support_mode),
          careGrade: label('careGrade', c.care_grade),
          persons: first ? list.length : null,
          amount: amount === null ? null : fenToYuanNumber(amount),
          baseAmount: amounts ? fenToYuanNumber(amounts.base_fen) : null,
          supplementAmount: amounts ? fenToYuanNumber(amounts.supplement_fen) : null,
          appliedOn: c.applied_on,
          startMonth: linshi ? c.grant_month : c.start_month,
          stopMonth: c.stop_month ?? '',
          stopReason: c.stop_reason ?? '',
          status: c.status === 'stopped' ? '停保' : '在保',
          caseNo: c.case_no ?? '',
          address: c.address ?? '',
          phone: c.phone ?? '',
        });
        rows++;
      });
    }
  }
  const stamp = today(ctx.now());
  const fileName = `社会救助台账${fullIdNumbers ? '-含完整身份证号码' : ''}-${stamp}.xlsx`;
  if (fullIdNumbers) {
    markFullIds(wb, ws, purpose);
  }
  await ctx.journal({
    action: 'export.cases',
    entity: 'cases',
    entityId: 'export',
    after: { filter, fullIdNumbers, cases: cases.length, rows, file: fileName, to: '下载到本机' },
    reason: fullIdNumbers ? purpose : '导出名单（身份证号码已遮挡）',
  });
  return toOutput(wb, fileName, rows);
}

/** The rejected rows, one sheet per source sheet with its header, plus a 问题 column listing every error. */
export async function rejectedWorkbook(
  fileName: string,
  sheets: SheetRows[],
  rejected: ReadonlySet<string>,
  rowCells: Map<string, { header: string[]; cells: CellValue[] }>,
  problems: ImportProblem[],
): Promise<FileOutput> {
  const wb = new ExcelJS.Workbook();
  const reasons = new Map<string, string[]>();
  for (const p of problems) {
    if (p.severity !== 'error') continue;
    const keys =
      p.row === null ? [...rejected].filter((k) => k.startsWith(`${p.sheet}\u0000`)) : [rowKey(p.sheet, p.row)];
    for (const k of keys) {
      const text = `${p.column ? `${p.column}：` : ''}${p.message}`;
      reasons.set(k, [...(reasons.get(k) ?? []), text]);
    }
  }
  let total = 0;
  const used = new Set<string>();
  for (const sheet of sheets) {
    const rows = sheet.rows.filter((r) => rejected.has(rowKey(sheet.name, r.rowNumber)));
    if (rows.length === 0) continue;
    let name = sheet.name.replace(/[\\/?*[\]:]/g, '_').slice(0, 28) || '未导入';
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    const ws = wb.addWorksheet(name);
    const header = rowCells.get(rowKey(sheet.name, rows[0]?.rowNumber ?? 0))?.header ?? [];
    const width = Math.max(header.length, ...rows.map((r) => r.cells.length));
    const headerRow = Array.from({ length: width }, (_, i) => header[i] ?? '');
    ws.addRow([...headerRow, '原行号', '问题']).font = { bold: true };
    for (const r of rows) {
      const cells = Array.from({ length: width }, (_, i) => {
        const v = r.cells[i];
        return v === undefined || v === null || (typeof v === 'object' && !(v instanceof Date)) ? null : v;
      });
      ws.addRow([...cells, r.rowNumber, (reasons.get(rowKey(sheet.name, r.rowNumber)) ?? []).join('；')]);
      total++;
    }
  }
  if (total === 0) wb.addWorksheet('未导入的行').addRow(['没有被拒绝的行']);
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return toOutput(wb, `${base}-未导入的行.xlsx`, total);
}
