// summary.json of a package: the month's figures in their documented, stable shape (docs/REPORTS.md), and the
// differences of a revision from the last final one.
import type { MonthFigures, SummaryRow } from '../../../shared/api/reports';
import { rowLabel } from './labels';

export const SUMMARY_FORMAT = 'civil-ledger/report-summary';
export const SUMMARY_FORMAT_VERSION = 1;

export interface Difference {
  category: string;
  area: string;
  field: string;
  before: number;
  after: number;
  text: string;
}

const FIELD_NAMES: Record<keyof Omit<SummaryRow, 'category' | 'area'>, string> = {
  households: '户数',
  persons: '人数',
  newHouseholds: '新增户数',
  newPersons: '新增人数',
  exitHouseholds: '退出户数',
  exitPersons: '退出人数',
  amountFen: '金额(分)',
};

export function summaryRows(f: MonthFigures): SummaryRow[] {
  return f.rows.map((r) => ({
    category: r.category,
    area: r.area,
    households: r.households,
    persons: r.persons,
    newHouseholds: r.newHouseholds,
    newPersons: r.newPersons,
    exitHouseholds: r.exitHouseholds,
    exitPersons: r.exitPersons,
    amountFen: r.amountFen,
  }));
}

/** summary.json: the documented, stable shape (docs/REPORTS.md). `rows` keeps exactly the fields. */
export function summaryJson(
  f: MonthFigures,
  revision: number,
  generatedAt: string,
  differences: Difference[],
): Record<string, unknown> {
  return {
    township: f.township.code,
    month: f.month,
    revision,
    rows: summaryRows(f),
    format: SUMMARY_FORMAT,
    formatVersion: SUMMARY_FORMAT_VERSION,
    townshipName: f.township.name,
    generatedAt,
    amountsSource: f.amountsSource,
    roll: f.roll,
    ytd: f.ytd.map((y) => ({
      category: y.category,
      area: y.area,
      newHouseholds: y.newHouseholds,
      newPersons: y.newPersons,
      exitHouseholds: y.exitHouseholds,
      exitPersons: y.exitPersons,
      amountFen: y.amountFen,
    })),
    linshi: f.linshi,
    tekunCare: f.tekunCare,
    tekun: f.tekun,
    dibaoStandardFen: f.dibaoStandardFen,
    socialAssistanceFen: f.socialAssistanceFen,
    socialAssistanceYtdFen: f.socialAssistanceYtdFen,
    dibao: f.dibaoTables.map((t) => ({ area: t.area, total: t.total, villages: t.villages })),
    extras: f.extras,
    checksOk: f.checks.every((c) => c.ok),
    checks: f.checks,
    differences: differences.map(({ text: _t, ...d }) => d),
  };
}

export function diffSummaries(before: SummaryRow[], after: SummaryRow[]): Difference[] {
  const out: Difference[] = [];
  for (const a of after) {
    const b = before.find((x) => x.category === a.category && x.area === a.area);
    for (const field of Object.keys(FIELD_NAMES) as (keyof typeof FIELD_NAMES)[]) {
      const bv = b?.[field] ?? 0;
      if (bv !== a[field]) {
        out.push({
          category: a.category,
          area: a.area,
          field,
          before: bv,
          after: a[field],
          text: `${rowLabel(a.category, a.area)} ${FIELD_NAMES[field]}：${bv} → ${a[field]}`,
        });
      }
    }
  }
  return out;
}
