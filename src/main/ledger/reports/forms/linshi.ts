// 临时救助情况表: 人次, 户次, 人数 and the month's and the year's spending, with the split by type and area.
import type ExcelJS from 'exceljs';
import type { MonthFigures } from '../../../../shared/api/reports';
import { label } from '../../../../shared/labels';
import { bodyRow, formEnd, formSheet, header, moneyOf, note, unitName, type WorkbookInput } from './kit';

export function linshiSheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const f = input.figures;
  const unit = unitName(input.amountUnit);
  const width = 8;
  const ws = formSheet(wb, input, {
    name: '临时救助',
    headerRows: [3, 4],
    width,
    title: '临时救助情况表',
    extra: `单位：人次、户次、人、${unit}`,
  });
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
  const notes = [
    '说明：1. 救助人次按国家社会服务统计报表“临时救助 救助总人次数”口径：每次救助按该次救助所覆盖的人数计（一户三口获救助一次计 3 人次；同一人当月获救助两次计 2 人次）。户次 = 救助次数；人数 = 当月获救助的不重复人数。',
    '2. 校验关系：合计行第1、2、4、5、6栏 = 各类型、城乡之和；第1栏 ≥ 第2栏（每户次至少 1 人次）。按类型分的人数各自不重复计，之和可大于合计行人数。',
  ];
  formEnd(ws, r + 1, width, input, { notes, widths: (i) => [10, 8, 18, 14, 14, 14, 14, 16][i] ?? 12 });
}
