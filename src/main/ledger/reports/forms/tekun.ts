// 特困人员救助供养统计表 (the provincial 特困人员统计表): per area with 合计, then the 供养标准.
import type ExcelJS from 'exceljs';
import type { FigureRow, MonthFigures, ReportArea } from '../../../../shared/api/reports';
import { label } from '../../../../shared/labels';
import { bodyRow, formEnd, formSheet, header, moneyOf, perCapita, unitName, type WorkbookInput } from './kit';
import { sumRows } from './indicators';

/** The three care grades' column titles (columns 4–6 of both the table and its 供养标准). */
const gradeCells = ['一档', '二档', '三档'].map((text, i) => ({ row: 1, col: 4 + i, text }));

/** 特困人员救助供养统计表 (the provincial 特困人员统计表): per area, with 合计, then the 供养标准. */
export function tekunSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const f = input.figures;
  const unit = unitName(input.amountUnit);
  const width = 21;
  const ws = formSheet(wb, input, {
    name: '特困人员',
    headerRows: [3, 6],
    width,
    title: '特困人员救助供养统计表',
    extra: `单位：户、人、${unit}`,
  });
  header(
    ws,
    3,
    [
      { row: 0, col: 1, rows: 3, text: '城乡' },
      { row: 0, col: 2, rows: 3, text: '户数' },
      { row: 0, col: 3, rows: 3, text: '总人数' },
      { row: 0, col: 4, cols: 4, text: '按自理能力分（人）' },
      ...gradeCells,
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
      ...gradeCells,
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
  formEnd(ws, r, width, input, {
    notes,
    perLine: 150,
    widths: (i) => (i === 0 ? 12 : i >= 15 && i <= 19 ? 11 : i === 20 ? 8 : i >= 3 && i <= 5 ? 11 : i === 9 ? 11 : 7),
  });
}
