// 报表校验: the cross-checks a package carries. Totals are recomputed by their own queries and compared with the sum
// of their parts; the report's amounts are compared with the month's payment roll. A package with a failed check
// cannot be marked final.
import { sql, type Kysely } from 'kysely';
import { label } from '../../../shared/labels';
import { formatYuan } from '../../../shared/money';
import type { DibaoTableRow, MonthFigures, ReportCheck } from '../../../shared/api/reports';
import type { DB } from '../db';
import type { RollRow } from './figures';
import { addMoney, NO_MONEY, type Money } from './sets';
import { dibaoRecount, draftByRow, grantsOf } from './check-rows';
import { rowLabel } from './labels';

const NUMERIC_COLUMNS: { key: keyof DibaoTableRow; name: string }[] = [
  { key: 'households', name: '户数' },
  { key: 'persons', name: '人数' },
  { key: 'women', name: '女性' },
  { key: 'elderly', name: '老年人' },
  { key: 'minors', name: '未成年人' },
  { key: 'disabled', name: '残疾人' },
  { key: 'labourPartial', name: '部分丧失劳动能力' },
  { key: 'labourNone', name: '完全丧失劳动能力' },
  { key: 'newHouseholds', name: '当月新增户数' },
  { key: 'newPersons', name: '当月新增人数' },
  { key: 'exitHouseholds', name: '当月退出户数' },
  { key: 'exitPersons', name: '当月退出人数' },
  { key: 'ytdFen', name: '累计资金' },
  { key: 'monthFen', name: '当月资金' },
  { key: 'monthBaseFen', name: '当月低保金' },
];

function check(code: string, name: string, problems: string[], okMessage: string): ReportCheck {
  return problems.length === 0
    ? { code, name, ok: true, message: okMessage }
    : {
        code,
        name,
        ok: false,
        message: problems.slice(0, 5).join('；') + (problems.length > 5 ? `；等 ${problems.length} 处` : ''),
      };
}

export async function crossChecks(
  db: Kysely<DB>,
  f: MonthFigures,
  roll: RollRow | undefined,
  rollSums: Map<string, Money>,
): Promise<ReportCheck[]> {
  const out: ReportCheck[] = [];
  const monthly = f.rows.filter((r) => r.category !== 'linshi');
  const linshi = f.rows.filter((r) => r.category === 'linshi');
  const sum = <T>(xs: T[], g: (x: T) => number) => xs.reduce((a, x) => a + g(x), 0);

  // The cases paid in M with their amounts from the cases, by row, in one query of its own (not the figures' grain):
  // its line counts are the cases in payment (check 1) and its amounts what the roll must hold (check 9). Like the
  // other recounts below it is kept per case and re-read only for the cases changed since (check-rows.ts).
  const byCases = await draftByRow(db, f.month);
  // The roll's own lines added up once (its line count and total as stored, and the monthly and 临时救助 parts).
  const rollLines = roll
    ? ((
        await sql<{ n: number; total: number | null; monthly: number | null; linshi: number | null }>`
          SELECT count(*) AS n, sum(amount_fen) AS total,
            sum(CASE WHEN category <> 'linshi' THEN amount_fen END) AS monthly,
            sum(CASE WHEN category = 'linshi' THEN amount_fen END) AS linshi
          FROM payment_roll_lines WHERE roll_id = ${roll.id}`.execute(db)
      ).rows[0] ?? { n: 0, total: 0, monthly: 0, linshi: 0 })
    : { n: 0, total: 0, monthly: 0, linshi: 0 };

  // 1. Totals recomputed apart from the figures = the sum of the rows.
  {
    const problems: string[] = [];
    const allCases = [...byCases.values()].reduce((a, m) => a + m.lines, 0);
    const cases = sum(monthly, (r) => r.cases);
    if (allCases !== cases) problems.push(`在保件数合计 ${allCases}，分项之和 ${cases}`);
    const money =
      f.amountsSource === 'roll' && roll
        ? (rollLines.monthly ?? 0)
        : [...byCases.values()].reduce(addMoney, NO_MONEY).amountFen;
    const amount = sum(monthly, (r) => r.amountFen);
    if (money !== amount) {
      problems.push(`金额合计 ${formatYuan(money)} 元，分项之和 ${formatYuan(amount)} 元`);
    }
    const grants = await grantsOf(db, f.month);
    if (grants.cases !== sum(linshi, (r) => r.households)) problems.push('临时救助人次合计与分项之和不符');
    if (grants.grantFen !== sum(linshi, (r) => r.amountFen)) problems.push('临时救助金额合计与分项之和不符');
    const lt = sum(f.linshi, (l) => l.times);
    if (lt !== sum(linshi, (r) => r.households)) problems.push(`临时救助按类型人次之和 ${lt} 与合计不符`);
    out.push(check('totals', '合计等于分项之和', problems, '各类别合计与分项之和一致'));
  }

  // 2–5. The county 低保 table: villages add up to the total, and the total's households and persons recounted on
  // their own (by area, not by village) agree; causes; subsets ≤ persons.
  const recount = await dibaoRecount(db, f.month);
  for (const t of f.dibaoTables) {
    const area = label('area', t.area);
    const problems: string[] = [];
    const own = recount.get(t.area) ?? { households: 0, persons: 0 };
    if (own.households !== t.total.households)
      problems.push(`户数：单独重算 ${own.households}，合计 ${t.total.households}`);
    if (own.persons !== t.total.persons) problems.push(`人数：单独重算 ${own.persons}，合计 ${t.total.persons}`);
    for (const col of NUMERIC_COLUMNS) {
      const s = sum(t.villages, (v) => v[col.key] as number);
      const total = t.total[col.key] as number;
      if (s !== total) problems.push(`${col.name}：各村之和 ${s}，合计 ${total}`);
    }
    out.push(check(`dibao_${t.area}_villages`, `${area}低保表：各村之和等于合计`, problems, '各列一致'));

    const causeProblems: string[] = [];
    const subsetProblems: string[] = [];
    const fundProblems: string[] = [];
    for (const v of [...t.villages, t.total]) {
      // 致贫原因 per person, possibly several per person: 人数 ≤ Σ致贫原因 (the household counts still add up).
      const c = sum(Object.values(v.personCauses), (n) => n);
      if (c < v.persons) causeProblems.push(`${v.villageName}：致贫原因之和 ${c}，少于人数 ${v.persons}`);
      const ch = sum(Object.values(v.causes), (n) => n);
      if (ch !== v.households) causeProblems.push(`${v.villageName}：按户致贫原因之和 ${ch}，户数 ${v.households}`);
      const l = v.labour.able + v.labour.partial + v.labour.none + v.labour.notWorkingAge;
      if (l !== v.persons) subsetProblems.push(`${v.villageName}：劳动能力四项之和 ${l}，人数 ${v.persons}`);
      if (v.labour.notWorkingAge !== v.elderly + v.minors)
        subsetProblems.push(
          `${v.villageName}：劳动能力“无”${v.labour.notWorkingAge}，老年人与未成年人之和 ${v.elderly + v.minors}`,
        );
      for (const [key, name] of [
        ['women', '女性'],
        ['elderly', '老年人'],
        ['minors', '未成年人'],
        ['disabled', '残疾人'],
      ] as const) {
        if (v[key] > v.persons) subsetProblems.push(`${v.villageName}：${name} ${v[key]} 多于人数 ${v.persons}`);
      }
      if (v.labourPartial + v.labourNone > v.persons) subsetProblems.push(`${v.villageName}：劳动能力丧失人数多于人数`);
      if (v.elderly + v.minors > v.persons) subsetProblems.push(`${v.villageName}：老年人与未成年人之和多于人数`);
      if (v.monthFen !== v.monthBaseFen + v.monthPriceFen + v.monthAgedFen + v.monthSupplementFen) {
        fundProblems.push(`${v.villageName}：当月资金 ≠ 低保金 + 物价补贴 + 高龄补贴 + 其他补贴`);
      }
      if (v.ytdFen !== v.ytdBaseFen + v.ytdPriceFen + v.ytdAgedFen + v.ytdSupplementFen)
        fundProblems.push(`${v.villageName}：累计资金 ≠ 低保金 + 物价补贴 + 高龄补贴 + 其他补贴`);
    }
    out.push(check(`dibao_${t.area}_causes`, `${area}低保表：人数不多于致贫原因之和`, causeProblems, '一致'));
    out.push(
      check(
        `dibao_${t.area}_subsets`,
        `${area}低保表：人员分类不多于人数，劳动能力四项之和等于人数`,
        subsetProblems,
        '一致',
      ),
    );
    out.push(check(`dibao_${t.area}_funds`, `${area}低保表：资金合计等于其中各项之和`, fundProblems, '一致'));

    const row = f.rows.find((r) => r.category === 'dibao' && r.area === t.area);
    const vs: string[] = [];
    if (row) {
      for (const [a, b, name] of [
        [t.total.households, row.households, '户数'],
        [t.total.persons, row.persons, '人数'],
        [t.total.newHouseholds, row.newHouseholds, '新增户数'],
        [t.total.exitHouseholds, row.exitHouseholds, '退出户数'],
        [t.total.monthFen, row.amountFen, '当月资金'],
      ] as const) {
        if (a !== b) vs.push(`${name}：低保表 ${a}，汇总表 ${b}`);
      }
    }
    out.push(check(`dibao_${t.area}_summary`, `${area}低保表合计等于汇总表低保行`, vs, '一致'));
  }

  // 6. 特困 care grades add up to the 特困 rows.
  {
    const problems: string[] = [];
    for (const c of f.tekunCare) {
      const row = f.rows.find((r) => r.category === `tekun_${c.mode}` && r.area === c.area);
      const n = c.full + c.partial + c.none + c.unknown;
      if (row && row.cases !== n)
        problems.push(`${rowLabel(row.category, row.area)}：护理等级之和 ${n}，人数 ${row.cases}`);
    }
    out.push(check('tekun_care', '特困护理等级之和等于特困在保人数', problems, '一致'));
  }

  // 7–9. The report equals the payment roll.
  const paidCases = sum(monthly, (r) => r.cases);
  if (!roll) {
    out.push(
      check(
        'roll_confirmed',
        '当月发放名册已确认',
        paidCases > 0 ? [`${f.month} 尚未生成发放名册，报表金额为按台账计算的草稿`] : [],
        '当月无在保对象，无需发放名册',
      ),
    );
  } else {
    out.push(
      check(
        'roll_confirmed',
        '当月发放名册已确认',
        roll.status === 'confirmed' ? [] : [`${f.month} 发放名册尚未确认，报表金额为按台账计算的草稿`],
        '发放名册已确认，报表金额取自名册',
      ),
    );
    const l = rollLines;
    const rollProblems: string[] = [];
    if (l.n !== roll.line_count) rollProblems.push(`名册记载 ${roll.line_count} 行，实有 ${l.n} 行`);
    if ((l.total ?? 0) !== roll.total_fen) {
      rollProblems.push(`名册记载总额 ${formatYuan(roll.total_fen)} 元，明细之和 ${formatYuan(l.total ?? 0)} 元`);
    }
    if (roll.status === 'confirmed') {
      const reportTotal = sum(monthly, (r) => r.amountFen);
      const rollMonthly = roll.total_fen - (l.linshi ?? 0);
      if (reportTotal !== rollMonthly) {
        rollProblems.push(`报表金额 ${formatYuan(reportTotal)} 元，名册总额 ${formatYuan(rollMonthly)} 元`);
      }
    }
    out.push(
      check('roll_total', '报表金额等于发放名册总额', rollProblems, `名册总额 ${formatYuan(roll.total_fen)} 元`),
    );

    // The roll was generated from the cases: after a correction the roll must be regenerated before the report.
    const byRoll = new Map<string, Money>();
    for (const [k, v] of rollSums) {
      const key = k.split('|').slice(0, 2).join('|');
      byRoll.set(key, addMoney(byRoll.get(key) ?? NO_MONEY, v));
    }
    const diff: string[] = [];
    for (const r of monthly) {
      const key = `${r.category}|${r.area}`;
      const a = byRoll.get(key);
      const b = byCases.get(key);
      const n = b?.lines ?? 0;
      if ((a?.lines ?? 0) !== n)
        diff.push(`${rowLabel(r.category, r.area)}：名册 ${a?.lines ?? 0} 人(户)次，台账在保 ${n}`);
      else if ((a?.amountFen ?? 0) !== (b?.amountFen ?? 0)) {
        diff.push(
          `${rowLabel(r.category, r.area)}：名册 ${formatYuan(a?.amountFen ?? 0)} 元，台账 ${formatYuan(b?.amountFen ?? 0)} 元`,
        );
      }
    }
    out.push(check('roll_vs_cases', '发放名册与台账一致', diff, '名册与台账在保对象、金额一致'));
  }
  return out;
}
