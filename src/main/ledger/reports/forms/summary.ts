// 社会服务统计月报表（社会救助、社会福利）: the indicator list with 本月, 上月, 环比 and 1—M月累计 (docs/REPORTS.md §3).
import type ExcelJS from 'exceljs';
import {
  bodyRow,
  formEnd,
  formSheet,
  header,
  moneyOf,
  perCapita,
  unitName,
  type Value,
  type WorkbookInput,
} from './kit';
import { indicators, summaryRules, type Indicator } from './indicators';

function changeRate(now: number, before: number): Value {
  if (before === 0) return '—';
  return { n: Math.round(((now - before) / before) * 1000) / 10, fmt: '0.0' };
}

export function summarySheet(wb: ExcelJS.Workbook, input: WorkbookInput): void {
  const f = input.figures;
  const unit = input.amountUnit;
  const width = 7;
  const ws = formSheet(wb, input, {
    name: '社会救助月报',
    headerRows: [3, 4],
    width,
    title: '社会服务统计月报表（社会救助、社会福利）',
    extra: `${input.formNumber ? `表号：${input.formNumber}    ` : ''}金额单位：${unitName(unit)}`,
  });
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
  const notes = [
    `审核关系：${rules.map((x, k) => `${k + 1}. ${x.text}`).join('；')}。`,
    `审核结果：${
      rules.every((x) => x.ok)
        ? '以上审核关系全部成立'
        : `未成立：${rules
            .filter((x) => !x.ok)
            .map((x) => x.text)
            .join('；')}`
    }；报表校验${f.checks.every((c) => c.ok) ? '全部通过' : '有未通过项，见“校验结果”表'}。`,
    `说明：1. 社会救助支出合计 = 最低生活保障 + 特困人员救助供养 + 临时救助；孤儿、事实无人抚养儿童属社会福利（儿童福利），两项补贴属社会福利（残疾人福利），不计入社会救助。2. 临时救助人次：每次救助按该次救助所覆盖的人数计（一户三口获救助一次计 3 人次）；户次 = 救助次数。3. 特困、孤儿、两项补贴按人数统计。4. 在保：审核确认后 开始月份 ≤ 本月 < 停止月份；当月新增：开始发放月份为本月；当月退出：停止月份为本月（最后发放月为上月）。5. 金额来源：${f.amountsSource === 'roll' ? '本月已确认的发放名册' : '按台账计算（发放名册未确认，草稿）'}；临时补助：台账未单列，填 0。6. 上月：${input.previous ? '按台账对上月重新计算' : '无'}；环比 =（本月 − 上月）÷ 上月 × 100%，上月为 0 时不计算。7. 低边、刚性支出困难家庭为本地指标，列入补充资料，不计入合计。`,
  ];
  formEnd(ws, r, width, input, { notes, widths: (i) => [40, 10, 7, 15, 15, 10, 15][i] ?? 12 });
}
