// 城市/农村居民最低生活保障统计表 (the county 低保 table): one row per 村(社区) with its 合计; its CSV twin in the archive.
import type ExcelJS from 'exceljs';
import type { DibaoTable, DibaoTableRow } from '../../../../shared/api/reports';
import { label } from '../../../../shared/labels';
import {
  bodyRow,
  dateTitle,
  FONT,
  formEnd,
  formSheet,
  header,
  moneyOf,
  perCapita,
  text,
  unitName,
  yuan,
  type HeaderCell,
  type Num,
  type WorkbookInput,
} from './kit';

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

export function dibaoSheet(wb: ExcelJS.Workbook, input: WorkbookInput, t: DibaoTable): void {
  const f = input.figures;
  const area = label('area', t.area);
  const width = 33;
  const n = Number(f.month.slice(5, 7));
  const unit = unitName(input.amountUnit);
  const std = f.dibaoStandardFen[t.area];
  const ws = formSheet(wb, input, {
    name: `${area}低保统计表`,
    headerRows: [4, 7],
    width,
    title: `${area}居民最低生活保障统计表`,
    extra: `低保标准：${std === null ? '未录入' : `${yuan(std).toFixed(2)} 元/人·月`}    单位：户、人、${unit}（人均补助额：元）`,
  });
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
  // The sign-off of this form is its own block under the title.
  formEnd(ws, r, width, input, {
    notes,
    perLine: 160,
    signOff: false,
    widths: (i) => (i === 0 ? 5 : i === 1 ? 20 : i >= 22 && i <= 31 ? 10 : i === 32 ? 9 : 6),
  });
}
