// The package's workbook, laid out like the official forms: a title, the reporting unit with its 12-digit 地区编码
// and the period, merged multi-row headers with 栏次 numbers, a 单位 for every row, the check rules printed as the
// forms print them, thin borders, A4 landscape fitted to the page width with the header rows repeated on every
// printed page, and the sign-off fields. What we add beyond the forms is in blocks headed 补充资料. Money in 元 (two
// decimals) or 万元 (the forms' decimals) as 报表设置 says. Sheet by sheet: docs/REPORTS.md §3.
import ExcelJS from 'exceljs';
import type {
  DibaoTable,
  DibaoTableRow,
  ExtraFigureSection,
  FigureRow,
  MonthFigures,
  ReportArea,
  ReportCheck,
  ReportSigners,
} from '../../../shared/api/reports';
import { label } from '../../../shared/labels';
import { fenToYuanNumber } from '../../../shared/money';
import { neutralizeSpreadsheetCell } from '../../../shared/text';
import type { ChangeItem } from './changes';
import { CATEGORY_NAMES } from './labels';

/** Who prepared and who checked the month (filled into the sign-off fields). */
export interface SignOff {
  /** 填表人: the user who built the package; for a scheduled/CLI build, the user who generated the month's roll. */
  preparer: string;
  /** 统计负责人(审核人) / 救助部门审核人: the reviewer who confirmed the month's payment roll. */
  reviewer: string;
  /** 报出日期 / 填表日期, 'YYYY-MM-DD' (China time). */
  date: string;
  signers: ReportSigners;
}

export interface WorkbookInput {
  figures: MonthFigures;
  /** The previous month's figures (上月 column); null for none. */
  previous: MonthFigures | null;
  revision: number;
  changes: ChangeItem[];
  differences: string[];
  maskId: (s: string) => string;
  /** When ID numbers are in full (municipal format): the notice with their purpose, printed on the sheets. */
  fullIdNotice?: string | null;
  builtAt: string;
  builtBy: string;
  amountUnit: 'yuan' | 'wan';
  /** 表号 (the county's own); '' = none printed. */
  formNumber: string;
  signOff: SignOff;
}

const FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

const text = (s: string): string => neutralizeSpreadsheetCell(s);
const yuan = (fen: number): number => fenToYuanNumber(fen);

/** A number cell with its display format. */
interface Num {
  n: number;
  fmt: string;
}
type Value = string | number | Num;

const INT = '0';

/** Money in the chosen unit: 元 with 2 decimals, or 万元 with `wanDecimals` (the form's own). */
export function moneyOf(unit: 'yuan' | 'wan', wanDecimals: 1 | 2): (fen: number) => Num {
  if (unit === 'wan') {
    const fmt = wanDecimals === 1 ? '0.0' : '0.00';
    return (fen) => ({ n: fen / 1_000_000, fmt });
  }
  return (fen) => ({ n: fenToYuanNumber(fen), fmt: '#,##0.00' });
}
const unitName = (unit: 'yuan' | 'wan'): string => (unit === 'wan' ? '万元' : '元');
/** Per-capita amounts and standards are always in 元. */
const perCapita = (fen: number): Num => ({ n: fenToYuanNumber(fen), fmt: '0.00' });

function monthTitle(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
function dateTitle(date: string): string {
  return `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
/** The 12-digit 地区编码 of the forms: the 9-digit township code followed by 000. */
export function areaCode12(code: string): string {
  return /^\d{9}$/.test(code) ? `${code}000` : code;
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

/** Title (merged across the width), then a line with 填报单位 / 地区编码 / 报告期 / 版次 / 单位. */
function titleBlock(ws: ExcelJS.Worksheet, width: number, title: string, input: WorkbookInput, extra = ''): void {
  const f = input.figures;
  ws.mergeCells(1, 1, 1, width);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: FONT, size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, width);
  const u = ws.getCell(2, 1);
  u.value = text(
    `填报单位：${f.township.name}    地区编码：${areaCode12(f.township.code)}    报告期：${monthTitle(f.month)}    第 ${input.revision} 版${extra ? `    ${extra}` : ''}`,
  );
  u.font = { name: FONT, size: 10 };
  u.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  ws.getRow(2).height = 20;
}

interface HeaderCell {
  row: number; // relative to the header's first row (0-based)
  col: number; // 1-based
  rows?: number;
  cols?: number;
  text: string;
}

function header(
  ws: ExcelJS.Worksheet,
  top: number,
  cells: HeaderCell[],
  height: number,
  width: number,
  rowHeights: number[] = [],
): void {
  for (let r = top; r < top + height; r++) {
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(r, c);
      cell.border = THIN;
      cell.fill = HEADER_FILL;
      cell.font = { name: FONT, size: 10, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
    ws.getRow(r).height = rowHeights[r - top] ?? 24;
  }
  for (const h of cells) {
    const r = top + h.row;
    const rows = h.rows ?? 1;
    const cols = h.cols ?? 1;
    if (rows > 1 || cols > 1) ws.mergeCells(r, h.col, r + rows - 1, h.col + cols - 1);
    ws.getCell(r, h.col).value = h.text;
  }
}

function bodyRow(ws: ExcelJS.Worksheet, r: number, values: Value[], bold = false, centre: number[] = []): void {
  values.forEach((v, i) => {
    const cell = ws.getCell(r, i + 1);
    const isNum = typeof v !== 'string';
    cell.value = typeof v === 'string' ? text(v) : typeof v === 'number' ? v : v.n;
    cell.border = THIN;
    cell.font = { name: FONT, size: 10, bold };
    cell.alignment = {
      vertical: 'middle',
      horizontal: isNum ? 'right' : centre.includes(i + 1) || v === '—' ? 'center' : 'left',
      wrapText: true,
    };
    if (typeof v === 'number') cell.numFmt = INT;
    else if (typeof v !== 'string') cell.numFmt = v.fmt;
  });
}

function note(ws: ExcelJS.Worksheet, r: number, width: number, s: string, perLine = 90): void {
  ws.mergeCells(r, 1, r, width);
  const c = ws.getCell(r, 1);
  c.value = text(s);
  c.font = { name: FONT, size: 9 };
  c.alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(r).height = Math.max(18, Math.ceil(s.length / perLine) * 14);
}

/** The standard frame of a statistical form: 单位负责人 / 统计负责人(审核人) / 填表人 / 报出日期. */
function footerSignOff(ws: ExcelJS.Worksheet, r: number, width: number, input: WorkbookInput): void {
  const s = input.signOff;
  const blank = (v: string) => (v.trim() === '' ? '__________' : v);
  note(
    ws,
    r,
    width,
    `单位负责人：${blank(s.signers.unitHead)}      统计负责人（审核人）：${blank(s.reviewer)}      填表人：${blank(s.preparer)}      报出日期：${dateTitle(s.date)}`,
  );
}

function setWidths(ws: ExcelJS.Worksheet, widths: (i: number) => number): void {
  ws.columns.forEach((c, i) => {
    c.width = widths(i);
  });
}

// ───────────────────────────── 社会服务统计月报表 (indicator list) ─────────────────────────────

type IndicatorKind = 'count' | 'money' | 'standard';
export interface Indicator {
  key: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  /** Section heading rows carry no value. */
  heading?: boolean;
  value?: number;
  ytd?: number;
}

const sumRows = (rows: FigureRow[], pick: (r: FigureRow) => boolean, g: (r: FigureRow) => number): number =>
  rows.filter(pick).reduce((a, r) => a + g(r), 0);

/**
 * The indicators of the summary sheet, in the national forms' order: 社会救助 (低保, 特困, 临时救助), 社会福利
 * (儿童福利, 残疾人福利), then the supplementary local block. Money values are fen; the same function serves the 本月
 * and the 上月 columns, matched by key.
 */
export function indicators(f: MonthFigures, unit: 'yuan' | 'wan'): Indicator[] {
  const u = unitName(unit);
  const out: Indicator[] = [];
  const head = (key: string, name: string) => out.push({ key, name, unit: '', kind: 'count', heading: true });
  const add = (key: string, name: string, unitText: string, kind: IndicatorKind, value: number, ytd?: number) =>
    out.push({ key, name, unit: unitText, kind, value, ...(ytd === undefined ? {} : { ytd }) });
  const row = (c: string, a: ReportArea) => f.rows.find((r) => r.category === c && r.area === a);
  const ytdOf = (pick: (c: string) => boolean, a?: ReportArea) =>
    f.ytd.filter((y) => pick(y.category) && (!a || y.area === a)).reduce((s, y) => s + y.amountFen, 0);
  const isTekun = (c: string) => c.startsWith('tekun_');

  head('h1', '一、社会救助');
  add('sa.total', '社会救助支出合计', u, 'money', f.socialAssistanceFen, f.socialAssistanceYtdFen);
  head('h1.1', '（一）最低生活保障');
  for (const a of ['urban', 'rural'] as const) {
    const an = label('area', a);
    const r = row('dibao', a);
    add(`dibao.${a}.households`, `${an}最低生活保障户数`, '户', 'count', r?.households ?? 0);
    add(`dibao.${a}.newHouseholds`, '  其中：当月新增户数', '户', 'count', r?.newHouseholds ?? 0);
    add(`dibao.${a}.exitHouseholds`, '        当月退出户数', '户', 'count', r?.exitHouseholds ?? 0);
    add(`dibao.${a}.persons`, `${an}最低生活保障人数`, '人', 'count', r?.persons ?? 0);
    add(`dibao.${a}.newPersons`, '  其中：当月新增人数', '人', 'count', r?.newPersons ?? 0);
    add(`dibao.${a}.exitPersons`, '        当月退出人数', '人', 'count', r?.exitPersons ?? 0);
    const std = f.dibaoStandardFen[a];
    if (std !== null) add(`dibao.${a}.standard`, `${an}低保标准`, '元/人·月', 'standard', std);
    const y = f.ytd.find((x) => x.category === 'dibao' && x.area === a);
    add(`dibao.${a}.amount`, `${an}最低生活保障支出`, u, 'money', r?.amountFen ?? 0, y?.amountFen ?? 0);
    add(`dibao.${a}.base`, '  其中：低保金', u, 'money', r?.baseFen ?? 0, y?.baseFen ?? 0);
    add(
      `dibao.${a}.supplement`,
      '        其他补贴（分类施保等）',
      u,
      'money',
      r?.supplementFen ?? 0,
      y?.supplementFen ?? 0,
    );
  }
  head('h1.2', '（二）特困人员救助供养');
  for (const a of ['urban', 'rural'] as const) {
    const an = label('area', a);
    const c = row('tekun_centralized', a);
    const d = row('tekun_dispersed', a);
    const s = (g: (r: FigureRow) => number) => (c ? g(c) : 0) + (d ? g(d) : 0);
    add(
      `tekun.${a}.persons`,
      `${an}特困人员救助供养人数`,
      '人',
      'count',
      s((r) => r.persons),
    );
    add(`tekun.${a}.centralized`, '  其中：集中供养人数', '人', 'count', c?.persons ?? 0);
    add(`tekun.${a}.dispersed`, '        分散供养人数', '人', 'count', d?.persons ?? 0);
    add(
      `tekun.${a}.newPersons`,
      '  当月新增人数',
      '人',
      'count',
      s((r) => r.newPersons),
    );
    add(
      `tekun.${a}.exitPersons`,
      '  当月退出人数',
      '人',
      'count',
      s((r) => r.exitPersons),
    );
    const ytd = ytdOf(isTekun, a);
    const ytdBase = f.ytd.filter((y) => isTekun(y.category) && y.area === a).reduce((x, y) => x + y.baseFen, 0);
    add(
      `tekun.${a}.amount`,
      `${an}特困人员救助供养支出`,
      u,
      'money',
      s((r) => r.amountFen),
      ytd,
    );
    add(
      `tekun.${a}.base`,
      '  其中：基本生活费（供养金）',
      u,
      'money',
      s((r) => r.baseFen),
      ytdBase,
    );
    add(
      `tekun.${a}.care`,
      '        照料护理费',
      u,
      'money',
      s((r) => r.supplementFen),
      ytd - ytdBase,
    );
    add(`tekun.${a}.temporary`, '        临时补助', u, 'money', 0, 0);
  }
  head('h1.3', '（三）临时救助');
  const lt = (pick: (l: MonthFigures['linshi'][number]) => number, type?: string) =>
    f.linshi.filter((l) => !type || l.type === type).reduce((s, l) => s + pick(l), 0);
  add(
    'linshi.personTimes',
    '临时救助人次',
    '人次',
    'count',
    lt((l) => l.personTimes),
    lt((l) => l.ytdPersonTimes),
  );
  add(
    'linshi.emergency.personTimes',
    '  其中：急难型',
    '人次',
    'count',
    lt((l) => l.personTimes, 'emergency'),
    lt((l) => l.ytdPersonTimes, 'emergency'),
  );
  add(
    'linshi.expenditure.personTimes',
    '        支出型',
    '人次',
    'count',
    lt((l) => l.personTimes, 'expenditure'),
    lt((l) => l.ytdPersonTimes, 'expenditure'),
  );
  add(
    'linshi.times',
    '临时救助户次',
    '户次',
    'count',
    lt((l) => l.times),
    lt((l) => l.ytdTimes),
  );
  add(
    'linshi.amount',
    '临时救助支出',
    u,
    'money',
    lt((l) => l.amountFen),
    lt((l) => l.ytdAmountFen),
  );

  head('h2', '二、社会福利');
  head('h2.1', '（一）儿童福利');
  const all = (c: string, g: (r: FigureRow) => number) => sumRows(f.rows, (r) => r.category === c, g);
  const guer = (g: (r: FigureRow) => number) => all('guer_centralized', g) + all('guer_dispersed', g);
  add(
    'guer.persons',
    '孤儿人数',
    '人',
    'count',
    guer((r) => r.persons),
  );
  add(
    'guer.centralized',
    '  其中：集中养育孤儿',
    '人',
    'count',
    all('guer_centralized', (r) => r.persons),
  );
  add(
    'guer.dispersed',
    '        社会散居孤儿',
    '人',
    'count',
    all('guer_dispersed', (r) => r.persons),
  );
  add(
    'guer.amount',
    '孤儿基本生活保障支出',
    u,
    'money',
    guer((r) => r.amountFen),
    ytdOf((c) => c.startsWith('guer_')),
  );
  add(
    'wurenfuyang.persons',
    '事实无人抚养儿童人数',
    '人',
    'count',
    all('wurenfuyang', (r) => r.persons),
  );
  add(
    'wurenfuyang.amount',
    '事实无人抚养儿童基本生活保障支出',
    u,
    'money',
    all('wurenfuyang', (r) => r.amountFen),
    ytdOf((c) => c === 'wurenfuyang'),
  );
  head('h2.2', '（二）残疾人福利');
  add(
    'canji_living.persons',
    '享受困难残疾人生活补贴人数',
    '人',
    'count',
    all('canji_living', (r) => r.persons),
  );
  add(
    'canji_living.amount',
    '困难残疾人生活补贴支出',
    u,
    'money',
    all('canji_living', (r) => r.amountFen),
    ytdOf((c) => c === 'canji_living'),
  );
  add(
    'canji_care.persons',
    '享受重度残疾人护理补贴人数',
    '人',
    'count',
    all('canji_care', (r) => r.persons),
  );
  add(
    'canji_care.amount',
    '重度残疾人护理补贴支出',
    u,
    'money',
    all('canji_care', (r) => r.amountFen),
    ytdOf((c) => c === 'canji_care'),
  );

  head('h3', '补充资料（本地指标，国家统计报表无此项目）');
  for (const [c, n] of [
    ['bianyuan', '低保边缘家庭'],
    ['gangxing', '刚性支出困难家庭'],
  ] as const) {
    add(
      `${c}.households`,
      `${n}户数`,
      '户',
      'count',
      all(c, (r) => r.households),
    );
    add(
      `${c}.persons`,
      `${n}人数`,
      '人',
      'count',
      all(c, (r) => r.persons),
    );
    add(
      `${c}.amount`,
      `${n}救助支出`,
      u,
      'money',
      all(c, (r) => r.amountFen),
      ytdOf((x) => x === c),
    );
  }
  return out;
}

/** The summary sheet's check rules (printed under the table and asserted by the tests): [text, holds]. */
export function summaryRules(ind: Indicator[]): { text: string; ok: boolean }[] {
  const v = (k: string) => ind.find((i) => i.key === k)?.value ?? 0;
  const out: { text: string; ok: boolean }[] = [];
  const rule = (t: string, left: string, right: string[]) =>
    out.push({ text: t, ok: v(left) === right.reduce((a, k) => a + v(k), 0) });
  rule('社会救助支出合计 = 城乡低保支出 + 城乡特困支出 + 临时救助支出', 'sa.total', [
    'dibao.urban.amount',
    'dibao.rural.amount',
    'tekun.urban.amount',
    'tekun.rural.amount',
    'linshi.amount',
  ]);
  for (const a of ['urban', 'rural'] as const) {
    const an = label('area', a);
    rule(`${an}低保支出 = 低保金 + 其他补贴`, `dibao.${a}.amount`, [`dibao.${a}.base`, `dibao.${a}.supplement`]);
    rule(`${an}特困人数 = 集中供养 + 分散供养`, `tekun.${a}.persons`, [
      `tekun.${a}.centralized`,
      `tekun.${a}.dispersed`,
    ]);
    rule(`${an}特困支出 = 基本生活费 + 照料护理费 + 临时补助`, `tekun.${a}.amount`, [
      `tekun.${a}.base`,
      `tekun.${a}.care`,
      `tekun.${a}.temporary`,
    ]);
  }
  out.push({
    text: '临时救助人次 ≥ 急难型 + 支出型',
    ok: v('linshi.personTimes') >= v('linshi.emergency.personTimes') + v('linshi.expenditure.personTimes'),
  });
  rule('孤儿人数 = 集中养育 + 社会散居', 'guer.persons', ['guer.centralized', 'guer.dispersed']);
  return out;
}

function changeRate(now: number, before: number): Value {
  if (before === 0) return '—';
  return { n: Math.round(((now - before) / before) * 1000) / 10, fmt: '0.0' };
}

function summarySheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const f = input.figures;
  const unit = input.amountUnit;
  const ws = sheet(wb, '社会救助月报', [3, 4]);
  const width = 7;
  titleBlock(
    ws,
    width,
    '社会服务统计月报表（社会救助、社会福利）',
    input,
    `${input.formNumber ? `表号：${input.formNumber}    ` : ''}金额单位：${unitName(unit)}`,
  );
  header(
    ws,
    3,
    [
      { row: 0, col: 1, text: '指标名称' },
      { row: 0, col: 2, text: '单位' },
      { row: 0, col: 3, text: '代码' },
      { row: 0, col: 4, text: '本月' },
      { row: 0, col: 5, text: '上月' },
      { row: 0, col: 6, text: '环比（%）' },
      { row: 0, col: 7, text: `1—${Number(f.month.slice(5, 7))}月累计` },
      ...['甲', '乙', '丙', '1', '2', '3', '4'].map((t, i) => ({ row: 1, col: i + 1, text: t })),
    ],
    2,
    width,
  );
  const cur = indicators(f, unit);
  const prev = input.previous ? indicators(input.previous, unit) : [];
  const money = moneyOf(unit, 1);
  const fmt = (i: Indicator, n: number): Value =>
    i.kind === 'money' ? money(n) : i.kind === 'standard' ? perCapita(n) : n;
  let r = 5;
  let code = 0;
  for (const i of cur) {
    if (i.heading) {
      bodyRow(ws, r, [i.name, '', '', '', '', '', ''], true);
      r++;
      continue;
    }
    code++;
    const p = prev.find((x) => x.key === i.key);
    const now = i.value ?? 0;
    const before = p?.value;
    bodyRow(
      ws,
      r++,
      [
        i.name,
        i.unit,
        String(code).padStart(2, '0'),
        fmt(i, now),
        before === undefined ? '—' : fmt(i, before),
        before === undefined ? '—' : changeRate(now, before),
        i.ytd === undefined ? '—' : fmt(i, i.ytd),
      ],
      i.key === 'sa.total',
      [2, 3],
    );
  }
  r++;
  const rules = summaryRules(cur);
  note(ws, r++, width, `审核关系：${rules.map((x, k) => `${k + 1}. ${x.text}`).join('；')}。`);
  note(
    ws,
    r++,
    width,
    `审核结果：${
      rules.every((x) => x.ok)
        ? '以上审核关系全部成立'
        : `未成立：${rules
            .filter((x) => !x.ok)
            .map((x) => x.text)
            .join('；')}`
    }；报表校验${f.checks.every((c) => c.ok) ? '全部通过' : '有未通过项，见“校验结果”表'}。`,
  );
  note(
    ws,
    r++,
    width,
    `说明：1. 社会救助支出合计 = 最低生活保障 + 特困人员救助供养 + 临时救助；孤儿、事实无人抚养儿童属社会福利（儿童福利），两项补贴属社会福利（残疾人福利），不计入社会救助。2. 临时救助人次：每次救助按该次救助所覆盖的人数计（一户三口获救助一次计 3 人次）；户次 = 救助次数。3. 特困、孤儿、两项补贴按人数统计。4. 在保：审核确认后 开始月份 ≤ 本月 < 停止月份；当月新增：开始发放月份为本月；当月退出：停止月份为本月（最后发放月为上月）。5. 金额来源：${f.amountsSource === 'roll' ? '本月已确认的发放名册' : '按台账计算（发放名册未确认，草稿）'}；临时补助：台账未单列，填 0。6. 上月：${input.previous ? '按台账对上月重新计算' : '无'}；环比 =（本月 − 上月）÷ 上月 × 100%，上月为 0 时不计算。7. 低边、刚性支出困难家庭为本地指标，列入补充资料，不计入合计。`,
  );
  footerSignOff(ws, r++, width, input);
  setWidths(ws, (i) => [40, 10, 7, 15, 15, 10, 15][i] ?? 12);
}

// ───────────────────────────── 城市/农村居民最低生活保障统计表 ─────────────────────────────

const CAUSE_KEYS = ['illness', 'disability', 'education', 'disaster', 'no_labour', 'other'] as const;
const CAUSE_NAMES = ['疾病', '残疾', '因学', '灾害', '缺乏劳动力', '其他'] as const;

/**
 * One row of the county 低保 table, in its column order (shared by the workbook sheet and the CSV); `money` turns
 * fen into the cell (元 by default, as the CSV has it). 当月人均补助额 is always in 元.
 */
export function dibaoRowValues(
  v: DibaoTableRow,
  money: (fen: number) => number | Num = (fen) => yuan(fen),
): (string | number | Num)[] {
  return [
    v.villageName,
    v.households,
    v.persons,
    v.women,
    v.elderly,
    v.minors,
    v.disabled,
    v.labour.able,
    v.labour.partial,
    v.labour.none,
    v.labour.notWorkingAge,
    ...CAUSE_KEYS.map((k) => v.personCauses[k]),
    v.newHouseholds,
    v.newPersons,
    v.exitHouseholds,
    v.exitPersons,
    money(v.ytdFen),
    money(v.ytdBaseFen),
    money(v.ytdPriceFen),
    money(v.ytdAgedFen),
    money(v.ytdSupplementFen),
    money(v.monthFen),
    money(v.monthBaseFen),
    money(v.monthPriceFen),
    money(v.monthAgedFen),
    money(v.monthSupplementFen),
    perCapita(v.perCapitaBaseFen),
  ];
}

/** Header of the CSV twin of the county 低保 table (same column order as dibaoRowValues). */
export const DIBAO_CSV_HEADER = [
  '村(社区)',
  '户数',
  '人数',
  '女性',
  '老年人',
  '未成年人',
  '残疾人',
  '劳动能力_有',
  '劳动能力_部分丧失',
  '劳动能力_完全丧失',
  '劳动能力_无',
  ...CAUSE_NAMES.map((c) => `致贫原因_${c}(人)`),
  '当月新增户数',
  '当月新增人数',
  '当月退出户数',
  '当月退出人数',
  '累计资金(元)',
  '累计低保金(元)',
  '累计物价补贴(元)',
  '累计高龄补贴(元)',
  '累计其他补贴(元)',
  '当月资金(元)',
  '当月低保金(元)',
  '当月物价补贴(元)',
  '当月高龄补贴(元)',
  '当月其他补贴(元)',
  '当月人均补助额(元)',
];

/** Column numbers (栏次) of the county 低保 table (1 = 低保户数). */
export const DIBAO_COL = {
  households: 1,
  persons: 2,
  women: 3,
  disabled: 6,
  labourFirst: 7,
  causeFirst: 11,
  newHouseholds: 17,
  ytdTotal: 21,
  monthTotal: 26,
  monthBase: 27,
  perCapita: 31,
} as const;

function dibaoSheet(wb: ExcelJS.Workbook, input: WorkbookInput, t: DibaoTable): void {
  const f = input.figures;
  const area = label('area', t.area);
  const ws = sheet(wb, `${area}低保统计表`, [4, 7]);
  const width = 33;
  const n = Number(f.month.slice(5, 7));
  const unit = unitName(input.amountUnit);
  const std = f.dibaoStandardFen[t.area];
  titleBlock(
    ws,
    width,
    `${area}居民最低生活保障统计表`,
    input,
    `低保标准：${std === null ? '未录入' : `${yuan(std).toFixed(2)} 元/人·月`}    单位：户、人、${unit}（人均补助额：元）`,
  );
  const s = input.signOff;
  const blank = (v: string) => (v.trim() === '' ? '________' : v);
  ws.mergeCells(3, 1, 3, width);
  const so = ws.getCell(3, 1);
  so.value = text(
    `领导签批人：${blank(s.signers.unitHead)}    分管审核人：${blank(s.signers.deputy)}    救助部门审核人：${blank(s.reviewer)}    计财部门审核人：${blank(s.signers.finance)}    填表人：${blank(s.preparer)}    填表日期：${dateTitle(s.date)}`,
  );
  so.font = { name: FONT, size: 10 };
  ws.getRow(3).height = 20;
  const money = [`1—${n}月资金总支出`, '当月资金支出'];
  const cells: HeaderCell[] = [
    { row: 0, col: 1, rows: 3, text: '序号' },
    { row: 0, col: 2, rows: 3, text: '村(社区)' },
    { row: 0, col: 3, rows: 3, text: '低保户数' },
    { row: 0, col: 4, rows: 3, text: '低保人数' },
    { row: 0, col: 5, cols: 4, text: '人员分类' },
    ...['女性', '老年人', '未成年人', '残疾人'].map((x, i) => ({ row: 1, col: 5 + i, rows: 2, text: x })),
    { row: 0, col: 9, cols: 4, text: '劳动能力情况' },
    ...['有', '部分丧失', '完全丧失', '无'].map((x, i) => ({ row: 1, col: 9 + i, rows: 2, text: x })),
    { row: 0, col: 13, cols: 6, text: '致贫原因（人，可多选）' },
    ...CAUSE_NAMES.map((c, i) => ({ row: 1, col: 13 + i, rows: 2, text: c })),
    { row: 0, col: 19, cols: 4, text: '动态管理' },
    { row: 1, col: 19, cols: 2, text: '当月新增' },
    { row: 2, col: 19, text: '户数' },
    { row: 2, col: 20, text: '人数' },
    { row: 1, col: 21, cols: 2, text: '当月退出' },
    { row: 2, col: 21, text: '户数' },
    { row: 2, col: 22, text: '人数' },
    ...money.flatMap((title, k) => {
      const c = 23 + k * 5;
      return [
        { row: 0, col: c, cols: 5, text: title },
        { row: 1, col: c, rows: 2, text: '合计' },
        { row: 1, col: c + 1, cols: 4, text: '其中' },
        ...['低保金', '物价补贴', '高龄补贴', '其他补贴'].map((x, i) => ({ row: 2, col: c + 1 + i, text: x })),
      ];
    }),
    { row: 0, col: 33, rows: 3, text: '当月人均补助额（元）' },
  ];
  header(ws, 4, cells, 3, width);
  const r0 = 7;
  bodyRow(
    ws,
    r0,
    ['栏次', '—', ...Array.from({ length: width - 2 }, (_, i) => String(i + 1))],
    true,
    Array.from({ length: width }, (_, i) => i + 1),
  );
  const cell = moneyOf(input.amountUnit, 2);
  let r = r0 + 1;
  bodyRow(ws, r++, ['', ...dibaoRowValues(t.total, cell)], true);
  t.villages.forEach((v, i) => bodyRow(ws, r++, [String(i + 1), ...dibaoRowValues(v, cell)]));
  r++;
  const failed = f.checks.filter((c) => c.code.startsWith(`dibao_${t.area}`) && !c.ok);
  const notes = [
    '填表说明：1. 人员分类、劳动能力、致贫原因均按人计。老年人指本月末年满 60 周岁，未成年人指本月末未满 18 周岁；残疾人指有残疾等级或类别登记。',
    '2. 劳动能力：①有 ②部分丧失 ③完全丧失 ④无（未满 18 周岁及年满 60 周岁者）；劳动年龄段内未登记劳动能力的计入“有”。',
    '3. 致贫原因按家庭登记的致贫原因计入该户每位保障人员（台账每户登记一项原因，故本表各项之和等于人数；未登记或其他原因计入“其他”）。',
    '4. 当月新增：开始发放月份为本月的户及其保障人员；当月退出：停止月份为本月（最后发放月为上月）的户及其上月保障人员。',
    `5. 资金：低保金 = 台账的低保金部分，其他补贴 = 分类施保等；台账无物价补贴、高龄补贴分项，填 0。当月人均补助额 = 当月低保金 ÷ 低保人数（元）。金额单位：${unit}。`,
    '6. 校验关系：第2栏 = 第7+8+9+10栏；第2栏 ≤ 第11+12+13+14+15+16栏；第3、4、5、6栏 ≤ 第2栏；第21栏 = 第22+23+24+25栏；第26栏 = 第27+28+29+30栏；第31栏 = 第27栏 ÷ 第2栏；合计行 = 各村(社区)之和。',
    failed.length === 0
      ? '校验结果：以上校验关系全部成立。'
      : `校验结果：未通过 — ${failed.map((c) => c.message).join('；')}`,
  ];
  for (const x of notes) note(ws, r++, width, x, 160);
  setWidths(ws, (i) => (i === 0 ? 5 : i === 1 ? 20 : i >= 22 && i <= 31 ? 10 : i === 32 ? 9 : 6));
}

// ───────────────────────────── 特困人员统计表 ─────────────────────────────

/** 特困人员救助供养统计表 (the provincial 特困人员统计表): per area, with 合计, then the 供养标准. */
function tekunSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const f = input.figures;
  const unit = unitName(input.amountUnit);
  const ws = sheet(wb, '特困人员', [3, 6]);
  const width = 21;
  titleBlock(ws, width, '特困人员救助供养统计表', input, `单位：户、人、${unit}`);
  header(
    ws,
    3,
    [
      { row: 0, col: 1, rows: 3, text: '城乡' },
      { row: 0, col: 2, rows: 3, text: '户数' },
      { row: 0, col: 3, rows: 3, text: '总人数' },
      { row: 0, col: 4, cols: 4, text: '按自理能力分（人）' },
      { row: 1, col: 4, text: '一档' },
      { row: 1, col: 5, text: '二档' },
      { row: 1, col: 6, text: '三档' },
      { row: 1, col: 7, rows: 2, text: '未评定' },
      { row: 2, col: 4, text: '完全丧失生活自理能力（全护理）' },
      { row: 2, col: 5, text: '部分丧失生活自理能力（半护理）' },
      { row: 2, col: 6, text: '具备生活自理能力（全自理）' },
      { row: 0, col: 8, cols: 4, text: '按人员分类分（人）' },
      { row: 1, col: 8, rows: 2, text: '女性' },
      { row: 1, col: 9, rows: 2, text: '老年人' },
      { row: 1, col: 10, rows: 2, text: '未满16周岁的未成年人（不含孤儿）' },
      { row: 1, col: 11, rows: 2, text: '残疾人' },
      { row: 0, col: 12, cols: 2, text: '按供养方式分（人）' },
      { row: 1, col: 12, rows: 2, text: '集中供养' },
      { row: 1, col: 13, rows: 2, text: '分散供养' },
      { row: 0, col: 14, cols: 2, text: '动态管理（人）' },
      { row: 1, col: 14, rows: 2, text: '当月新增' },
      { row: 1, col: 15, rows: 2, text: '当月退出' },
      { row: 0, col: 16, cols: 4, text: `当月支出（${unit}）` },
      { row: 1, col: 16, rows: 2, text: '合计' },
      { row: 1, col: 17, rows: 2, text: '基本生活费' },
      { row: 1, col: 18, rows: 2, text: '照料护理费' },
      { row: 1, col: 19, rows: 2, text: '临时补助' },
      { row: 0, col: 20, rows: 3, text: `1—本月累计支出（${unit}）` },
      { row: 0, col: 21, rows: 3, text: '备注' },
    ],
    3,
    width,
    [24, 30, 54],
  );
  bodyRow(
    ws,
    6,
    ['栏次', ...Array.from({ length: width - 2 }, (_, i) => String(i + 1)), ''],
    true,
    Array.from({ length: width }, (_, i) => i + 1),
  );
  const money = moneyOf(input.amountUnit, 2);
  let r = 7;
  const rowOf = (t: MonthFigures['tekun'][number], name: string, newP: number, exitP: number, bold = false) =>
    bodyRow(
      ws,
      r++,
      [
        name,
        t.households,
        t.persons,
        t.grade1,
        t.grade2,
        t.grade3,
        t.ungraded,
        t.women,
        t.elderly,
        t.under16,
        t.disabled,
        t.centralized,
        t.dispersed,
        newP,
        exitP,
        money(t.monthFen),
        money(t.monthBaseFen),
        money(t.monthCareFen),
        money(t.monthTemporaryFen),
        money(t.ytdFen),
        '',
      ],
      bold,
    );
  const np = (a: ReportArea | null, g: (r: FigureRow) => number) =>
    sumRows(f.rows, (x) => x.category.startsWith('tekun_') && (a === null || x.area === a), g);
  const total = f.tekun.reduce(
    (acc, t) => {
      for (const k of Object.keys(acc) as (keyof typeof acc)[]) acc[k] += t[k];
      return acc;
    },
    {
      households: 0,
      persons: 0,
      grade1: 0,
      grade2: 0,
      grade3: 0,
      ungraded: 0,
      women: 0,
      elderly: 0,
      under16: 0,
      disabled: 0,
      centralized: 0,
      dispersed: 0,
      monthFen: 0,
      monthBaseFen: 0,
      monthCareFen: 0,
      monthTemporaryFen: 0,
      ytdFen: 0,
    },
  );
  rowOf(
    { ...total, area: 'urban', standard: null },
    '合计',
    np(null, (x) => x.newPersons),
    np(null, (x) => x.exitPersons),
    true,
  );
  for (const t of f.tekun) {
    rowOf(
      t,
      label('area', t.area),
      np(t.area, (x) => x.newPersons),
      np(t.area, (x) => x.exitPersons),
    );
  }
  r++;
  // 供养标准 (元/人·月).
  header(
    ws,
    r,
    [
      { row: 0, col: 1, rows: 2, text: '供养标准（元/人·月）' },
      { row: 0, col: 2, cols: 2, text: '基本生活标准' },
      { row: 1, col: 2, text: '集中供养' },
      { row: 1, col: 3, text: '分散供养' },
      { row: 0, col: 4, cols: 3, text: '照料护理标准' },
      { row: 1, col: 4, text: '一档' },
      { row: 1, col: 5, text: '二档' },
      { row: 1, col: 6, text: '三档' },
    ],
    2,
    6,
    [24, 30],
  );
  r += 2;
  for (const t of f.tekun) {
    const s = t.standard;
    bodyRow(
      ws,
      r++,
      s
        ? [
            label('area', t.area),
            perCapita(s.basicFen),
            perCapita(s.basicFen),
            perCapita(s.grade1Fen),
            perCapita(s.grade2Fen),
            perCapita(s.grade3Fen),
          ]
        : [label('area', t.area), '未录入', '未录入', '未录入', '未录入', '未录入'],
    );
  }
  r++;
  const notes = [
    '说明：1. 特困人员按人统计，户数为其所在家庭数。一档 = 完全丧失生活自理能力（当地称全护理），二档 = 部分丧失（半护理），三档 = 具备生活自理能力（全自理）；未评定者单列。',
    '2. 老年人指本月末年满 60 周岁；未满16周岁的未成年人不含本月同时享受孤儿基本生活保障者；残疾人指有残疾等级或类别登记。',
    '3. 台账的基本生活标准不分集中、分散供养，两栏相同；台账未单列临时补助，填 0。',
    '4. 校验关系：第2栏 = 第3+4+5+6栏 = 第11+12栏；第7、8、9、10栏 ≤ 第2栏；第15栏 = 第16+17+18栏；合计行 = 城市 + 农村。',
  ];
  const failed = f.checks.filter((c) => c.code === 'tekun_care' && !c.ok);
  notes.push(
    failed.length === 0 ? '校验结果：以上校验关系全部成立。' : `校验结果：未通过 — ${failed[0]?.message ?? ''}`,
  );
  for (const x of notes) note(ws, r++, width, x, 150);
  footerSignOff(ws, r++, width, input);
  setWidths(ws, (i) =>
    i === 0 ? 12 : i >= 15 && i <= 19 ? 11 : i === 20 ? 8 : i >= 3 && i <= 5 ? 11 : i === 9 ? 11 : 7,
  );
}

// ───────────────────────────── 临时救助 ─────────────────────────────

function linshiSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const f = input.figures;
  const unit = unitName(input.amountUnit);
  const ws = sheet(wb, '临时救助', [3, 4]);
  const width = 8;
  titleBlock(ws, width, '临时救助情况表', input, `单位：人次、户次、人、${unit}`);
  header(
    ws,
    3,
    [
      '类型',
      '城乡',
      '当月救助人次（人次：每次救助按所覆盖人数计）',
      '当月救助户次（户次）',
      '当月救助人数（人，不重复）',
      `当月支出（${unit}）`,
      '1—本月累计人次',
      `1—本月累计支出（${unit}）`,
    ]
      .map((s, i) => ({ row: 0, col: i + 1, text: s }))
      .concat(['甲', '乙', '1', '2', '3', '4', '5', '6'].map((s, i) => ({ row: 1, col: i + 1, text: s }))),
    2,
    width,
  );
  ws.getRow(3).height = 48;
  const money = moneyOf(input.amountUnit, 2);
  let r = 5;
  const sum = (g: (l: MonthFigures['linshi'][number]) => number) => f.linshi.reduce((a, l) => a + g(l), 0);
  const total = f.rows.filter((x) => x.category === 'linshi').reduce((a, x) => a + x.persons, 0);
  bodyRow(
    ws,
    r++,
    [
      '合计',
      '—',
      sum((l) => l.personTimes),
      sum((l) => l.times),
      total,
      money(sum((l) => l.amountFen)),
      sum((l) => l.ytdPersonTimes),
      money(sum((l) => l.ytdAmountFen)),
    ],
    true,
  );
  note(ws, r++, width, '补充资料：按救助类型和城乡分（本地指标）');
  for (const l of f.linshi) {
    bodyRow(ws, r++, [
      l.type === 'unknown' ? '未分类' : label('linshiType', l.type),
      label('area', l.area),
      l.personTimes,
      l.times,
      l.persons,
      money(l.amountFen),
      l.ytdPersonTimes,
      money(l.ytdAmountFen),
    ]);
  }
  r++;
  for (const x of [
    '说明：1. 救助人次按国家社会服务统计报表“临时救助 救助总人次数”口径：每次救助按该次救助所覆盖的人数计（一户三口获救助一次计 3 人次；同一人当月获救助两次计 2 人次）。户次 = 救助次数；人数 = 当月获救助的不重复人数。',
    '2. 校验关系：合计行第1、2、4、5、6栏 = 各类型、城乡之和；第1栏 ≥ 第2栏（每户次至少 1 人次）。按类型分的人数各自不重复计，之和可大于合计行人数。',
  ])
    note(ws, r++, width, x);
  footerSignOff(ws, r++, width, input);
  setWidths(ws, (i) => [10, 8, 18, 14, 14, 14, 14, 16][i] ?? 12);
}

// ───────────────────────────── 养老服务 / 社会组织 ─────────────────────────────

function extrasSheets(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  for (const s of input.figures.extras) extraSheet(wb, input, s);
}

function extraSheet(wb: ExcelJS.Workbook, input: WorkbookInput, s: ExtraFigureSection): void {
  const ws = sheet(wb, s.title.slice(0, 31), [3, 3]);
  const width = 4;
  titleBlock(ws, width, s.formTitle ?? s.title, input);
  header(
    ws,
    3,
    ['指标名称', '单位', '代码', '本月'].map((t, i) => ({ row: 0, col: i + 1, text: t })),
    1,
    width,
  );
  let r = 4;
  let group: string | undefined;
  let code = 0;
  for (const row of s.rows) {
    if (row.group !== undefined && row.group !== group) {
      group = row.group;
      bodyRow(ws, r++, [group, '', '', ''], true);
    }
    code++;
    bodyRow(
      ws,
      r++,
      [row.label, row.unit, String(code).padStart(2, '0'), row.unit === '%' ? { n: row.value, fmt: '0.0' } : row.value],
      false,
      [2, 3],
    );
  }
  r++;
  for (const x of s.notes ?? []) note(ws, r++, width, x, 70);
  footerSignOff(ws, r++, width, input);
  setWidths(ws, (i) => [50, 8, 7, 14][i] ?? 12);
}

// ───────────────────────────── 变更清单 / 校验结果 ─────────────────────────────

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
  titleBlock(ws, cols.length, '保障对象新增、停止、变更清单', input);
  header(
    ws,
    3,
    cols.map((t, i) => ({ row: 0, col: i + 1, text: t })),
    1,
    cols.length,
  );
  let r = 4;
  input.changes.forEach((c, i) => {
    bodyRow(ws, r++, [
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
    ]);
  });
  if (input.changes.length === 0) note(ws, r++, cols.length, '本月无新增、停止或变更。');
  if (input.fullIdNotice) note(ws, r++, cols.length, input.fullIdNotice);
  r++;
  note(
    ws,
    r++,
    cols.length,
    '说明：“变更前/变更后”为月发放金额（元/月）、一次性救助金额或保障人数；保障成员增减的姓名写在“原因”栏。',
  );
  setWidths(ws, (i) => [6, 8, 16, 20, 6, 14, 10, 22, 16, 16, 10, 30][i] ?? 12);
}

function checksSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const ws = sheet(wb, '校验结果', [3, 3]);
  titleBlock(ws, 4, '报表校验结果', input);
  header(
    ws,
    3,
    ['校验项', '代码', '结果', '说明'].map((t, i) => ({ row: 0, col: i + 1, text: t })),
    1,
    4,
  );
  let r = 4;
  const all: ReportCheck[] = input.figures.checks;
  for (const c of all) bodyRow(ws, r++, [c.name, c.code, c.ok ? '通过' : '未通过', c.message]);
  if (input.differences.length > 0) {
    r++;
    note(ws, r++, 4, `与上一版（第 ${input.revision - 1} 版）相比的差异：`);
    for (const d of input.differences) note(ws, r++, 4, d);
  }
  setWidths(ws, (i) => [34, 22, 10, 70][i] ?? 12);
}

export function buildWorkbookObject(input: WorkbookInput): ExcelJS.Workbook {
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
  return wb;
}

export async function buildWorkbook(input: WorkbookInput): Promise<Buffer> {
  const buf = await buildWorkbookObject(input).xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
