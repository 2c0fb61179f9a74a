// The package's workbook, laid out like the official forms: a title, the reporting unit and period, merged multi-row
// headers with 栏次 numbers, thin borders, amounts in 元 with two decimals, A4 landscape fitted to the page width
// with the header rows repeated on every printed page. One sheet per form, plus the change list and the checks.
import ExcelJS from 'exceljs';
import type { DibaoTable, DibaoTableRow, MonthFigures, ReportCheck } from '../../../shared/api/reports';
import { label } from '../../../shared/labels';
import { fenToYuanNumber } from '../../../shared/money';
import { neutralizeSpreadsheetCell } from '../../../shared/text';
import type { ChangeItem } from './changes';
import { CATEGORY_NAMES, rowLabel } from './labels';

export interface WorkbookInput {
  figures: MonthFigures;
  revision: number;
  changes: ChangeItem[];
  differences: string[];
  maskId: (s: string) => string;
  builtAt: string;
  builtBy: string;
}

const FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const MONEY = '#,##0.00';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

const text = (s: string): string => neutralizeSpreadsheetCell(s);
const yuan = (fen: number): number => fenToYuanNumber(fen);

function monthTitle(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

function sheet(wb: ExcelJS.Workbook, name: string, headerRows: [number, number]): ExcelJS.Worksheet {
  return wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${headerRows[0]}:${headerRows[1]}`,
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: headerRows[1] }],
  });
}

/** Title (merged across the width), then a line with 填报单位 / 报告期 / 版次. */
function titleBlock(
  ws: ExcelJS.Worksheet,
  width: number,
  title: string,
  f: MonthFigures,
  revision: number,
  extra = '',
): void {
  ws.mergeCells(1, 1, 1, width);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: FONT, size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, width);
  const u = ws.getCell(2, 1);
  u.value = text(
    `填报单位：${f.township.name}（${f.township.code}）    报告期：${monthTitle(f.month)}    第 ${revision} 版${extra ? `    ${extra}` : ''}`,
  );
  u.font = { name: FONT, size: 10 };
  u.alignment = { horizontal: 'left', vertical: 'middle' };
}

interface HeaderCell {
  row: number; // relative to the header's first row (0-based)
  col: number; // 1-based
  rows?: number;
  cols?: number;
  text: string;
}

function header(ws: ExcelJS.Worksheet, top: number, cells: HeaderCell[], height: number, width: number): void {
  for (let r = top; r < top + height; r++) {
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(r, c);
      cell.border = THIN;
      cell.fill = HEADER_FILL;
      cell.font = { name: FONT, size: 10, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
    ws.getRow(r).height = 22;
  }
  for (const h of cells) {
    const r = top + h.row;
    const rows = h.rows ?? 1;
    const cols = h.cols ?? 1;
    if (rows > 1 || cols > 1) ws.mergeCells(r, h.col, r + rows - 1, h.col + cols - 1);
    ws.getCell(r, h.col).value = h.text;
  }
}

function bodyRow(
  ws: ExcelJS.Worksheet,
  r: number,
  values: (string | number)[],
  money: Set<number>,
  bold = false,
): void {
  values.forEach((v, i) => {
    const cell = ws.getCell(r, i + 1);
    cell.value = typeof v === 'string' ? text(v) : v;
    cell.border = THIN;
    cell.font = { name: FONT, size: 10, bold };
    cell.alignment = { vertical: 'middle', horizontal: typeof v === 'number' ? 'right' : 'left', wrapText: true };
    if (typeof v === 'number') cell.numFmt = money.has(i + 1) ? MONEY : '0';
  });
}

function note(ws: ExcelJS.Worksheet, r: number, width: number, s: string): void {
  ws.mergeCells(r, 1, r, width);
  const c = ws.getCell(r, 1);
  c.value = text(s);
  c.font = { name: FONT, size: 9 };
  c.alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(r).height = Math.max(18, Math.ceil(s.length / 90) * 15);
}

/** 社会救助统计月报 (in the manner of JBZH0001): one row per category and area, with the 合计 rows. */
function summarySheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const f = input.figures;
  const ws = sheet(wb, '社会救助月报', [3, 5]);
  const width = 12;
  titleBlock(ws, width, '社会救助统计月报', f, input.revision, '表号：JBZH0001（乡镇填报）');
  header(
    ws,
    3,
    [
      { row: 0, col: 1, rows: 2, text: '指标名称' },
      { row: 0, col: 2, rows: 2, text: '代码' },
      { row: 0, col: 3, cols: 2, text: '保障对象' },
      { row: 1, col: 3, text: '户数（户/人次）' },
      { row: 1, col: 4, text: '人数（人）' },
      { row: 0, col: 5, cols: 2, text: '当月新增' },
      { row: 1, col: 5, text: '户数' },
      { row: 1, col: 6, text: '人数' },
      { row: 0, col: 7, cols: 2, text: '当月退出' },
      { row: 1, col: 7, text: '户数' },
      { row: 1, col: 8, text: '人数' },
      { row: 0, col: 9, cols: 3, text: '当月支出（元）' },
      { row: 1, col: 9, text: '合计' },
      { row: 1, col: 10, text: '基本金额' },
      { row: 1, col: 11, text: '补贴/护理等' },
      { row: 0, col: 12, rows: 2, text: '1—本月累计支出（元）' },
      ...Array.from({ length: width }, (_, i) => ({
        row: 2,
        col: i + 1,
        text: i < 2 ? (i === 0 ? '甲' : '乙') : String(i - 1),
      })),
    ],
    3,
    width,
  );
  const money = new Set([9, 10, 11, 12]);
  let r = 6;
  const ytdOf = (c: string, a: string) => f.ytd.find((y) => y.category === c && y.area === a);
  for (const row of f.rows) {
    const y = ytdOf(row.category, row.area);
    bodyRow(
      ws,
      r++,
      [
        rowLabel(row.category, row.area),
        `${row.category}.${row.area}`,
        row.households,
        row.persons,
        row.newHouseholds,
        row.newPersons,
        row.exitHouseholds,
        row.exitPersons,
        yuan(row.amountFen),
        yuan(row.baseFen),
        yuan(row.supplementFen),
        yuan(y?.amountFen ?? 0),
      ],
      money,
    );
  }
  // 合计 rows: the parts above added up (the independent recomputation is in the checks sheet).
  const groups: [string, string, (c: string) => boolean][] = [
    ['最低生活保障合计', 'dibao.total', (c) => c === 'dibao'],
    ['特困人员救助供养合计', 'tekun.total', (c) => c.startsWith('tekun_')],
    ['孤儿合计', 'guer.total', (c) => c.startsWith('guer_')],
    ['社会救助支出合计', 'all.total', () => true],
  ];
  for (const [name, code, pick] of groups) {
    const rows = f.rows.filter((x) => pick(x.category));
    const ys = f.ytd.filter((x) => pick(x.category));
    const s = (g: (x: (typeof rows)[number]) => number) => rows.reduce((a, x) => a + g(x), 0);
    const all = code === 'all.total';
    bodyRow(
      ws,
      r++,
      [
        name,
        code,
        all ? '—' : s((x) => x.households),
        all ? '—' : s((x) => x.persons),
        all ? '—' : s((x) => x.newHouseholds),
        all ? '—' : s((x) => x.newPersons),
        all ? '—' : s((x) => x.exitHouseholds),
        all ? '—' : s((x) => x.exitPersons),
        yuan(s((x) => x.amountFen)),
        yuan(s((x) => x.baseFen)),
        yuan(s((x) => x.supplementFen)),
        yuan(ys.reduce((a, x) => a + x.amountFen, 0)),
      ],
      money,
      true,
    );
  }
  r++;
  note(
    ws,
    r++,
    width,
    `说明：金额来源：${f.amountsSource === 'roll' ? '本月已确认的发放名册' : '按台账计算（发放名册未确认，草稿）'}。临时救助“户数”栏为人次。在保：审核确认后 开始月份 ≤ 本月 < 停止月份；当月新增：开始月份为本月；当月退出：停止月份为本月（即最后发放月为上月）。`,
  );
  note(
    ws,
    r++,
    width,
    `校验：${input.figures.checks.every((c) => c.ok) ? '全部通过' : '有未通过项，见“校验结果”表'}。制表：${input.builtBy}  ${input.builtAt.slice(0, 16).replace('T', ' ')}`,
  );
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 30 : i === 1 ? 22 : 12;
  });
}

const CAUSE_NAMES = ['疾病', '残疾', '因学', '灾害', '缺乏劳动力', '其他'] as const;

/** One row of the county 低保 table, in its column order (shared by the workbook sheet and the CSV). */
export function dibaoRowValues(v: DibaoTableRow): (string | number)[] {
  return [
    v.villageName,
    v.households,
    v.persons,
    v.women,
    v.elderly,
    v.minors,
    v.disabled,
    v.labourPartial,
    v.labourNone,
    v.causes.illness,
    v.causes.disability,
    v.causes.education,
    v.causes.disaster,
    v.causes.no_labour,
    v.causes.other,
    v.newHouseholds,
    v.newPersons,
    v.exitHouseholds,
    v.exitPersons,
    yuan(v.ytdFen),
    yuan(v.ytdBaseFen),
    yuan(v.ytdSupplementFen),
    yuan(v.monthFen),
    yuan(v.monthBaseFen),
    yuan(v.monthSupplementFen),
    yuan(v.perCapitaFen),
  ];
}

function dibaoValues(v: DibaoTableRow, index: string): (string | number)[] {
  return [index, ...dibaoRowValues(v)];
}

/** 城市(农村)居民最低生活保障统计表: rows = 村(社区), 合计 first, with the form's cross-check footer. */
function dibaoSheet(wb: ExcelJS.Workbook, input: WorkbookInput, t: DibaoTable): void {
  const f = input.figures;
  const area = label('area', t.area);
  const ws = sheet(wb, `${area}低保统计表`, [3, 6]);
  const width = 27;
  const n = Number(f.month.slice(5, 7));
  titleBlock(ws, width, `${area}居民最低生活保障统计表`, f, input.revision, '单位：户、人、元');
  const cells: HeaderCell[] = [
    { row: 0, col: 1, rows: 3, text: '序号' },
    { row: 0, col: 2, rows: 3, text: '村(社区)' },
    { row: 0, col: 3, rows: 3, text: '低保户数' },
    { row: 0, col: 4, rows: 3, text: '低保人数' },
    { row: 0, col: 5, cols: 4, text: '人员分类' },
    { row: 1, col: 5, rows: 2, text: '女性' },
    { row: 1, col: 6, rows: 2, text: '老年人' },
    { row: 1, col: 7, rows: 2, text: '未成年人' },
    { row: 1, col: 8, rows: 2, text: '残疾人' },
    { row: 0, col: 9, cols: 2, text: '劳动能力' },
    { row: 1, col: 9, rows: 2, text: '部分丧失' },
    { row: 1, col: 10, rows: 2, text: '完全丧失' },
    { row: 0, col: 11, cols: 6, text: '致贫原因（户）' },
    ...CAUSE_NAMES.map((c, i) => ({ row: 1, col: 11 + i, rows: 2, text: c })),
    { row: 0, col: 17, cols: 4, text: '动态管理' },
    { row: 1, col: 17, cols: 2, text: '当月新增' },
    { row: 2, col: 17, text: '户数' },
    { row: 2, col: 18, text: '人数' },
    { row: 1, col: 19, cols: 2, text: '当月退出' },
    { row: 2, col: 19, text: '户数' },
    { row: 2, col: 20, text: '人数' },
    { row: 0, col: 21, cols: 3, text: `1—${n}月资金总支出` },
    { row: 1, col: 21, rows: 2, text: '合计' },
    { row: 1, col: 22, cols: 2, text: '其中' },
    { row: 2, col: 22, text: '低保金' },
    { row: 2, col: 23, text: '其他补贴' },
    { row: 0, col: 24, cols: 3, text: '当月资金支出' },
    { row: 1, col: 24, rows: 2, text: '合计' },
    { row: 1, col: 25, cols: 2, text: '其中' },
    { row: 2, col: 25, text: '低保金' },
    { row: 2, col: 26, text: '其他补贴' },
    { row: 0, col: 27, rows: 3, text: '当月人均补助额' },
  ];
  header(ws, 3, cells, 3, width);
  // 栏次 row.
  const r0 = 6;
  bodyRow(ws, r0, ['栏次', '—', ...Array.from({ length: width - 2 }, (_, i) => String(i + 1))], new Set(), true);
  const money = new Set([21, 22, 23, 24, 25, 26, 27]);
  let r = r0 + 1;
  bodyRow(ws, r++, dibaoValues(t.total, ''), money, true);
  t.villages.forEach((v, i) => bodyRow(ws, r++, dibaoValues(v, String(i + 1)), money));
  r++;
  const footer = [
    '填表说明：1. 人员分类、劳动能力按人计，致贫原因按户计（未填或其他原因计入“其他”）；老年人指本月末年满 60 周岁，未成年人指本月末未满 18 周岁；残疾人指持有残疾人证（有残疾等级或类别）。',
    '2. 劳动能力：部分丧失指部分丧失劳动能力，完全丧失指完全丧失劳动能力；有劳动能力者不列。',
    '3. 当月新增：开始发放月份为本月的户及其保障人员；当月退出：停止月份为本月（最后发放月为上月）的户及其上月保障人员。',
    '4. 校验关系：第1栏 = 第9+10+11+12+13+14栏；第3、4、5、6栏 ≤ 第2栏；第7+8栏 ≤ 第2栏；第19栏 = 第20+21栏；第22栏 = 第23+24栏；第25栏 = 第22栏 ÷ 第2栏；合计行 = 各村(社区)之和。',
  ];
  const failed = input.figures.checks.filter((c) => c.code.startsWith(`dibao_${t.area}`) && !c.ok);
  footer.push(
    failed.length === 0
      ? '校验结果：以上校验关系全部成立。'
      : `校验结果：未通过 — ${failed.map((c) => c.message).join('；')}`,
  );
  for (const s of footer) note(ws, r++, width, s);
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 6 : i === 1 ? 16 : i >= 20 ? 12 : 7;
  });
}

/** 特困人员救助供养情况: by 供养方式 and area, with the care grades and the two amounts. */
function tekunSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const f = input.figures;
  const ws = sheet(wb, '特困人员', [3, 4]);
  const width = 13;
  titleBlock(ws, width, '特困人员救助供养情况表', f, input.revision, '单位：人、元');
  header(
    ws,
    3,
    [
      { row: 0, col: 1, rows: 2, text: '供养方式' },
      { row: 0, col: 2, rows: 2, text: '城乡' },
      { row: 0, col: 3, rows: 2, text: '人数' },
      { row: 0, col: 4, rows: 2, text: '当月新增' },
      { row: 0, col: 5, rows: 2, text: '当月退出' },
      { row: 0, col: 6, cols: 4, text: '照料护理等级（人）' },
      { row: 1, col: 6, text: '全护理' },
      { row: 1, col: 7, text: '半护理' },
      { row: 1, col: 8, text: '全自理' },
      { row: 1, col: 9, text: '未评定' },
      { row: 0, col: 10, cols: 3, text: '当月支出（元）' },
      { row: 1, col: 10, text: '基本生活费' },
      { row: 1, col: 11, text: '照料护理费' },
      { row: 1, col: 12, text: '合计' },
      { row: 0, col: 13, rows: 2, text: '1—本月累计（元）' },
    ],
    2,
    width,
  );
  let r = 5;
  for (const c of f.tekunCare) {
    const row = f.rows.find((x) => x.category === `tekun_${c.mode}` && x.area === c.area);
    const y = f.ytd.find((x) => x.category === `tekun_${c.mode}` && x.area === c.area);
    bodyRow(
      ws,
      r++,
      [
        label('supportMode', c.mode),
        label('area', c.area),
        row?.persons ?? 0,
        row?.newPersons ?? 0,
        row?.exitPersons ?? 0,
        c.full,
        c.partial,
        c.none,
        c.unknown,
        yuan(row?.baseFen ?? 0),
        yuan(row?.supplementFen ?? 0),
        yuan(row?.amountFen ?? 0),
        yuan(y?.amountFen ?? 0),
      ],
      new Set([10, 11, 12, 13]),
    );
  }
  ws.columns.forEach((c, i) => {
    c.width = i < 2 ? 12 : 11;
  });
}

function linshiSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const f = input.figures;
  const ws = sheet(wb, '临时救助', [3, 3]);
  const width = 7;
  titleBlock(ws, width, '临时救助情况表', f, input.revision, '单位：人次、人、元');
  header(
    ws,
    3,
    ['类型', '城乡', '当月人次', '当月人数', '当月金额（元）', '1—本月累计人次', '1—本月累计金额（元）'].map(
      (s, i) => ({
        row: 0,
        col: i + 1,
        text: s,
      }),
    ),
    1,
    width,
  );
  let r = 4;
  for (const l of f.linshi) {
    bodyRow(
      ws,
      r++,
      [
        l.type === 'unknown' ? '未分类' : label('linshiType', l.type),
        label('area', l.area),
        l.times,
        l.persons,
        yuan(l.amountFen),
        l.ytdTimes,
        yuan(l.ytdAmountFen),
      ],
      new Set([5, 7]),
    );
  }
  ws.columns.forEach((c) => {
    c.width = 16;
  });
}

function extrasSheets(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  for (const s of input.figures.extras) {
    const ws = sheet(wb, s.title.slice(0, 31), [3, 3]);
    titleBlock(ws, 3, s.title, input.figures, input.revision);
    header(
      ws,
      3,
      ['指标名称', '单位', '数量'].map((t, i) => ({ row: 0, col: i + 1, text: t })),
      1,
      3,
    );
    let r = 4;
    for (const row of s.rows) bodyRow(ws, r++, [row.label, row.unit, row.value], new Set());
    ws.columns.forEach((c, i) => {
      c.width = i === 0 ? 36 : 14;
    });
  }
}

function changesSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const ws = sheet(wb, '变更清单', [3, 3]);
  const cols = [
    '序号',
    '类型',
    '证号',
    '保障类别',
    '城乡',
    '村(社区)',
    '姓名',
    '身份证号',
    '变更前',
    '变更后',
    '生效月份',
    '原因',
  ];
  titleBlock(ws, cols.length, '保障对象新增、停止、变更清单', input.figures, input.revision);
  header(
    ws,
    3,
    cols.map((t, i) => ({ row: 0, col: i + 1, text: t })),
    1,
    cols.length,
  );
  let r = 4;
  input.changes.forEach((c, i) => {
    bodyRow(
      ws,
      r++,
      [
        String(i + 1),
        c.kind,
        c.caseNo,
        c.category ? CATEGORY_NAMES[c.category] : '',
        c.area ? label('area', c.area) : '',
        c.villageName,
        c.headName,
        c.headIdNumber ? input.maskId(c.headIdNumber) : '',
        c.before,
        c.after,
        c.effectiveMonth,
        c.reason,
      ],
      new Set(),
    );
  });
  if (input.changes.length === 0) note(ws, r++, cols.length, '本月无新增、停止或变更。');
  ws.columns.forEach((c, i) => {
    c.width = [6, 8, 16, 20, 6, 14, 10, 22, 16, 16, 10, 30][i] ?? 12;
  });
}

function checksSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const ws = sheet(wb, '校验结果', [3, 3]);
  titleBlock(ws, 4, '报表校验结果', input.figures, input.revision);
  header(
    ws,
    3,
    ['校验项', '代码', '结果', '说明'].map((t, i) => ({ row: 0, col: i + 1, text: t })),
    1,
    4,
  );
  let r = 4;
  const all: ReportCheck[] = input.figures.checks;
  for (const c of all) bodyRow(ws, r++, [c.name, c.code, c.ok ? '通过' : '未通过', c.message], new Set());
  if (input.differences.length > 0) {
    r++;
    note(ws, r++, 4, `与上一版（第 ${input.revision - 1} 版）相比的差异：`);
    for (const d of input.differences) note(ws, r++, 4, d);
  }
  ws.columns.forEach((c, i) => {
    c.width = [34, 22, 10, 70][i] ?? 12;
  });
}

export async function buildWorkbook(input: WorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '乡镇民政台账';
  wb.created = new Date(input.builtAt);
  wb.modified = new Date(input.builtAt);
  summarySheet(wb, input);
  for (const t of input.figures.dibaoTables) dibaoSheet(wb, input, t);
  tekunSheet(wb, input);
  linshiSheet(wb, input);
  extrasSheets(wb, input);
  changesSheet(wb, input);
  checksSheet(wb, input);
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
