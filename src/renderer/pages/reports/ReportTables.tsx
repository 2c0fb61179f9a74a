// The month's figures as the clerk reads them: the 社会救助月报 rows and the 低保统计表 per area. Every number that is
// not zero opens the records behind it (the trace dialog).
import { Text, UnstyledButton } from '@mantine/core';
import type { DibaoTable, FigureRow, ReportCategory } from '../../../shared/api/reports';
import { label, labels } from '../../../shared/labels';
import { DataTable } from '../../components/DataTable';
import type { TraceQuery, TraceState } from './TraceDialog';
import { monthCn, yuan } from './util';

/** The report's row names; 临时救助 counts 户次 in its 户数 column. */
const CATEGORY_NAMES: Record<ReportCategory, string> = { ...labels.reportCategory, linshi: '临时救助（户数为户次）' };

type Open = (t: TraceState) => void;

function Num({ value, onOpen, name }: { value: number | string; onOpen: () => void; name: string }) {
  if (value === 0 || value === '0.00 元') return <Text c="dimmed">{value}</Text>;
  return (
    <UnstyledButton onClick={onOpen} aria-label={name} style={{ textDecoration: 'underline dotted' }}>
      {value}
    </UnstyledButton>
  );
}

export function SummaryTable({ rows, month, open }: { rows: FigureRow[]; month: string; open: Open }) {
  const cell = (r: FigureRow, measure: TraceQuery['measure'], value: number | string, what: string) => {
    const name = `${label('area', r.area)}${CATEGORY_NAMES[r.category]} ${what}`;
    return (
      <Num
        value={value}
        name={name}
        onOpen={() =>
          open({ title: `${monthCn(month)} ${name}`, query: { month, category: r.category, area: r.area, measure } })
        }
      />
    );
  };
  return (
    <DataTable
      striped
      withTableBorder
      withColumnBorders
      aria-label="社会救助月报"
      head={['类别', '城乡', '户数', '人数', '新增户', '新增人', '退出户', '退出人', '当月金额']}
      rows={rows}
      rowKey={(r) => `${r.category}-${r.area}`}
      cells={(r) => [
        CATEGORY_NAMES[r.category],
        label('area', r.area),
        cell(r, 'households', r.households, '户数'),
        cell(r, 'persons', r.persons, '人数'),
        cell(r, 'newHouseholds', r.newHouseholds, '新增户数'),
        cell(r, 'newPersons', r.newPersons, '新增人数'),
        cell(r, 'exitHouseholds', r.exitHouseholds, '退出户数'),
        cell(r, 'exitPersons', r.exitPersons, '退出人数'),
        cell(r, 'amount', yuan(r.amountFen), '金额'),
      ]}
    />
  );
}

const DIBAO_HEAD = [
  '村(社区)',
  '户数',
  '人数',
  '女性',
  '老年人',
  '未成年人',
  '残疾人',
  '劳动能力：有',
  '部分丧失',
  '完全丧失',
  '无（未满18或60岁以上）',
  '当月新增户',
  '当月退出户',
  '当月资金',
  '其中低保金',
  '累计资金',
  '当月人均补助额（低保金÷人数）',
];

export function DibaoView({ table, month, open }: { table: DibaoTable; month: string; open: Open }) {
  const area = label('area', table.area);
  const rows = [table.total, ...table.villages.filter((v) => v.households > 0 || v.exitHouseholds > 0)];
  type Row = (typeof rows)[number];
  const cell = (v: Row, value: number, what: string, q: Partial<TraceQuery>) => (
    <Num
      value={value}
      name={`${v.villageName} ${what}`}
      onOpen={() =>
        open({
          title: `${monthCn(month)} ${area}低保 ${v.villageName} ${what}`,
          query: {
            month,
            category: 'dibao',
            area: table.area,
            measure: 'persons',
            ...(v.villageId ? { villageId: v.villageId } : {}),
            ...q,
          },
        })
      }
    />
  );
  return (
    <DataTable
      striped
      withTableBorder
      withColumnBorders
      aria-label={`${area}低保统计表`}
      head={DIBAO_HEAD}
      rows={rows}
      rowKey={(v) => v.villageId ?? 'total'}
      rowProps={(v) => ({ fw: v.villageId ? undefined : 700 })}
      cells={(v) => [
        v.villageName,
        cell(v, v.households, '户数', { measure: 'households' }),
        cell(v, v.persons, '人数', {}),
        cell(v, v.women, '女性', { attribute: 'women' }),
        cell(v, v.elderly, '老年人', { attribute: 'elderly' }),
        cell(v, v.minors, '未成年人', { attribute: 'minors' }),
        cell(v, v.disabled, '残疾人', { attribute: 'disabled' }),
        cell(v, v.labour.able, '有劳动能力', { attribute: 'labour4Able' }),
        cell(v, v.labour.partial, '部分丧失劳动能力', { attribute: 'labour4Partial' }),
        cell(v, v.labour.none, '完全丧失劳动能力', { attribute: 'labour4None' }),
        cell(v, v.labour.notWorkingAge, '无劳动能力（年龄）', { attribute: 'labour4Age' }),
        cell(v, v.newHouseholds, '当月新增户', { measure: 'newHouseholds' }),
        cell(v, v.exitHouseholds, '当月退出户', { measure: 'exitHouseholds' }),
        yuan(v.monthFen),
        yuan(v.monthBaseFen),
        yuan(v.ytdFen),
        yuan(v.perCapitaBaseFen),
      ]}
    />
  );
}
