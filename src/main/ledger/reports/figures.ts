// 月报数字: one month's figures for the township, computed from the ledger in SQL (never typed in). Every figure is
// an aggregate of a set in sets.ts; docs/REPORTS.md writes the definitions down.
import { sql, type Kysely } from 'kysely';
import {
  REPORT_CATEGORIES,
  type DibaoTable,
  type DibaoTableRow,
  type FigureRow,
  type LinshiFigure,
  type MonthFigures,
  type PovertyCause,
  type ReportArea,
  type ReportCategory,
  type RollState,
  type TekunCareFigure,
  type YtdRow,
} from '../../../shared/api/reports';
import { daysInMonth } from '../../../shared/months';
import type { DB } from '../db/schema';
import { getSetting } from '../settings';
import { crossChecks } from './checks';
import { extraFigures } from './extras';
import {
  addMoney,
  andWhere,
  countSet,
  draftAmounts,
  grantedIn,
  NO_MONEY,
  paidIn,
  personsOf,
  rollAmounts,
  startedIn,
  stoppedIn,
  type CaseSet,
  type Counts,
  type Money,
} from './sets';

export const AREAS: ReportArea[] = ['urban', 'rural'];
const NO_COUNTS: Counts = { cases: 0, households: 0, persons: 0, grantFen: 0 };

export interface RollRow {
  id: string;
  month: string;
  status: 'draft' | 'confirmed';
  total_fen: number;
  line_count: number;
}

export async function rollOf(db: Kysely<DB>, month: string): Promise<RollRow | undefined> {
  return db
    .selectFrom('payment_rolls')
    .select(['id', 'month', 'status', 'total_fen', 'line_count'])
    .where('month', '=', month)
    .executeTakeFirst();
}

/** The months January..month of month's year. */
export function monthsOfYearTo(month: string): string[] {
  const y = month.slice(0, 4);
  const n = Number(month.slice(5, 7));
  return Array.from({ length: n }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
}

/** Age cut-offs at the month's last day: elderly = born on or before `elderly`; minor = born after `minor`. */
export function ageCutoffs(month: string): { elderly: string; minor: string } {
  const y = Number(month.slice(0, 4));
  const mm = month.slice(5, 7);
  const dd = String(daysInMonth(y, Number(mm))).padStart(2, '0');
  return { elderly: `${y - 60}-${mm}-${dd}`, minor: `${y - 18}-${mm}-${dd}` };
}

/** A person's birth date: the recorded one, else read from an 18-digit ID number. */
export const BIRTH_DATE = sql.raw(
  `coalesce(p.birth_date, CASE WHEN length(p.id_number) = 18 THEN substr(p.id_number, 7, 4) || '-' || substr(p.id_number, 11, 2) || '-' || substr(p.id_number, 13, 2) END)`,
);

/** The county 低保 table's person categories, as conditions on people `p`. */
export function attributeCondition(
  attribute: 'women' | 'elderly' | 'minors' | 'disabled' | 'labourPartial' | 'labourNone',
  month: string,
) {
  const cut = ageCutoffs(month);
  switch (attribute) {
    case 'women':
      return sql`p.sex = 'F'`;
    case 'elderly':
      return sql`${BIRTH_DATE} <= ${cut.elderly}`;
    case 'minors':
      return sql`${BIRTH_DATE} > ${cut.minor}`;
    case 'disabled':
      return sql`(p.disability_grade IS NOT NULL OR p.disability_type IS NOT NULL)`;
    case 'labourPartial':
      return sql`p.labour_capacity = 'partial'`;
    case 'labourNone':
      return sql`p.labour_capacity = 'none'`;
  }
}

/** 致贫原因 of a household; a missing or unknown cause counts as 其他. */
export const CAUSE = sql.raw(
  `CASE WHEN h.poverty_cause IN ('illness','disability','education','disaster','no_labour') THEN h.poverty_cause ELSE 'other' END`,
);

function emptyRow(category: ReportCategory, area: ReportArea): FigureRow {
  return {
    category,
    area,
    households: 0,
    persons: 0,
    newHouseholds: 0,
    newPersons: 0,
    exitHouseholds: 0,
    exitPersons: 0,
    amountFen: 0,
    cases: 0,
    baseFen: 0,
    supplementFen: 0,
  };
}

interface MoneyByKey {
  /** key = code|area|village_id */
  byRowVillage: Map<string, Money>;
}

function sumWhere(m: Map<string, Money>, pred: (parts: string[]) => boolean): Money {
  let out = NO_MONEY;
  for (const [k, v] of m) if (pred(k.split('|'))) out = addMoney(out, v);
  return out;
}

async function monthMoney(db: Kysely<DB>, month: string, roll: RollRow | undefined): Promise<MoneyByKey> {
  const byRowVillage =
    roll && roll.status === 'confirmed'
      ? await rollAmounts(db, [roll.id], 'row_village')
      : await draftAmounts(db, month, 'row_village');
  return { byRowVillage };
}

/** Year-to-date money: confirmed rolls where they exist, the cases' amounts (draft) for the other months. */
async function ytdMoney(db: Kysely<DB>, month: string): Promise<Map<string, Money>> {
  const months = monthsOfYearTo(month);
  const rolls = await db
    .selectFrom('payment_rolls')
    .select(['id', 'month'])
    .where('status', '=', 'confirmed')
    .where('month', 'in', months)
    .execute();
  const rolled = new Set(rolls.map((r) => r.month));
  const out = await rollAmounts(
    db,
    rolls.map((r) => r.id),
    'row_village',
  );
  for (const m of months) {
    if (rolled.has(m)) continue;
    for (const [k, v] of await draftAmounts(db, m, 'row_village')) out.set(k, addMoney(out.get(k) ?? NO_MONEY, v));
  }
  return out;
}

async function linshiFigures(db: Kysely<DB>, month: string): Promise<LinshiFigure[]> {
  const jan = `${month.slice(0, 4)}-01`;
  const out: LinshiFigure[] = [];
  for (const type of ['emergency', 'expenditure', 'unknown'] as const) {
    const typeCond = type === 'unknown' ? sql`c.linshi_type IS NULL` : sql`c.linshi_type = ${type}`;
    const counts = await countSet(db, andWhere(grantedIn(jan, month), typeCond), 'row_month');
    for (const area of AREAS) {
      const f: LinshiFigure = { area, type, times: 0, persons: 0, amountFen: 0, ytdTimes: 0, ytdAmountFen: 0 };
      for (const [k, c] of counts) {
        const [, a, m] = k.split('|');
        if (a !== area) continue;
        f.ytdTimes += c.cases;
        f.ytdAmountFen += c.grantFen;
        if (m === month) {
          f.times = c.cases;
          f.persons = c.persons;
          f.amountFen = c.grantFen;
        }
      }
      if (type !== 'unknown' || f.ytdTimes > 0) out.push(f);
    }
  }
  return out;
}

async function tekunCare(db: Kysely<DB>, month: string): Promise<TekunCareFigure[]> {
  const set = paidIn(month);
  const rows = await sql<{ mode: string | null; area: ReportArea; grade: string | null; n: number }>`
    SELECT c.support_mode AS mode, c.area AS area, c.care_grade AS grade, count(*) AS n
    FROM cases c JOIN households h ON h.id = c.household_id
    WHERE ${set.where} AND c.category = 'tekun' GROUP BY 1, 2, 3`.execute(db);
  const out: TekunCareFigure[] = [];
  for (const mode of ['centralized', 'dispersed'] as const) {
    for (const area of AREAS) {
      const f: TekunCareFigure = { mode, area, full: 0, partial: 0, none: 0, unknown: 0 };
      for (const r of rows.rows) {
        if ((r.mode === 'centralized' ? 'centralized' : 'dispersed') !== mode || r.area !== area) continue;
        if (r.grade === 'full' || r.grade === 'partial' || r.grade === 'none') f[r.grade] += r.n;
        else f.unknown += r.n;
      }
      out.push(f);
    }
  }
  return out;
}

function emptyDibaoRow(villageId: string | null, villageName: string): DibaoTableRow {
  return {
    villageId,
    villageName,
    households: 0,
    persons: 0,
    women: 0,
    elderly: 0,
    minors: 0,
    disabled: 0,
    labourPartial: 0,
    labourNone: 0,
    causes: { illness: 0, disability: 0, education: 0, disaster: 0, no_labour: 0, other: 0 },
    newHouseholds: 0,
    newPersons: 0,
    exitHouseholds: 0,
    exitPersons: 0,
    ytdFen: 0,
    ytdBaseFen: 0,
    ytdSupplementFen: 0,
    monthFen: 0,
    monthBaseFen: 0,
    monthSupplementFen: 0,
    perCapitaFen: 0,
  };
}

/** Person categories of the 低保 persons of a set, grouped by village ('village') or for the township ('all'). */
async function dibaoPersons(db: Kysely<DB>, set: CaseSet, month: string, grouping: 'village' | 'all') {
  const g = grouping === 'village' ? sql.raw('s.village_id') : sql.raw(`'*'`);
  const rows = await sql<{
    g: string;
    persons: number;
    women: number;
    elderly: number;
    minors: number;
    disabled: number;
    lp: number;
    ln: number;
  }>`SELECT ${g} AS g, count(DISTINCT p.id) AS persons,
      count(DISTINCT CASE WHEN ${attributeCondition('women', month)} THEN p.id END) AS women,
      count(DISTINCT CASE WHEN ${attributeCondition('elderly', month)} THEN p.id END) AS elderly,
      count(DISTINCT CASE WHEN ${attributeCondition('minors', month)} THEN p.id END) AS minors,
      count(DISTINCT CASE WHEN ${attributeCondition('disabled', month)} THEN p.id END) AS disabled,
      count(DISTINCT CASE WHEN ${attributeCondition('labourPartial', month)} THEN p.id END) AS lp,
      count(DISTINCT CASE WHEN ${attributeCondition('labourNone', month)} THEN p.id END) AS ln
    FROM (${personsOf(set)}) s JOIN people p ON p.id = s.person_id GROUP BY g`.execute(db);
  return new Map(rows.rows.map((r) => [r.g, r]));
}

async function dibaoCauses(db: Kysely<DB>, set: CaseSet, grouping: 'village' | 'all') {
  const g = grouping === 'village' ? sql.raw('h.village_id') : sql.raw(`'*'`);
  const rows = await sql<{ g: string; cause: PovertyCause; n: number }>`
    SELECT ${g} AS g, ${CAUSE} AS cause, count(DISTINCT c.household_id) AS n
    FROM cases c JOIN households h ON h.id = c.household_id WHERE ${set.where} GROUP BY 1, 2`.execute(db);
  return rows.rows;
}

async function dibaoTable(
  db: Kysely<DB>,
  month: string,
  area: ReportArea,
  villages: { id: string; name: string }[],
  money: Map<string, Money>,
  ytd: Map<string, Money>,
): Promise<DibaoTable> {
  const only = sql`c.category = 'dibao' AND c.area = ${area}`;
  const paid = andWhere(paidIn(month), only);
  const started = andWhere(startedIn(month, month), only);
  const stopped = andWhere(stoppedIn(month, month), only);

  const build = async (grouping: 'village' | 'all'): Promise<Map<string, DibaoTableRow>> => {
    const out = new Map<string, DibaoTableRow>();
    const row = (g: string): DibaoTableRow => {
      let r = out.get(g);
      if (!r) {
        r = emptyDibaoRow(g === '*' ? null : g, '');
        out.set(g, r);
      }
      return r;
    };
    for (const [g, c] of await countSet(db, paid, grouping)) row(g).households = c.households;
    for (const [g, p] of await dibaoPersons(db, paid, month, grouping)) {
      const r = row(g);
      r.persons = p.persons;
      r.women = p.women;
      r.elderly = p.elderly;
      r.minors = p.minors;
      r.disabled = p.disabled;
      r.labourPartial = p.lp;
      r.labourNone = p.ln;
    }
    for (const c of await dibaoCauses(db, paid, grouping)) row(c.g).causes[c.cause] += c.n;
    for (const [g, c] of await countSet(db, started, grouping)) {
      row(g).newHouseholds = c.households;
      row(g).newPersons = c.persons;
    }
    for (const [g, c] of await countSet(db, stopped, grouping)) {
      row(g).exitHouseholds = c.households;
      row(g).exitPersons = c.persons;
    }
    const isMine = (parts: string[], g: string) =>
      parts[0] === 'dibao' && parts[1] === area && (g === '*' || parts[2] === g);
    if (grouping === 'all') row('*');
    const keys = new Set<string>(out.keys());
    for (const k of [...money.keys(), ...ytd.keys()]) {
      const parts = k.split('|');
      if (parts[0] === 'dibao' && parts[1] === area) keys.add(grouping === 'all' ? '*' : (parts[2] ?? ''));
    }
    for (const g of keys) {
      const r = row(g);
      const m = sumWhere(money, (parts) => isMine(parts, g));
      const y = sumWhere(ytd, (parts) => isMine(parts, g));
      r.monthFen = m.amountFen;
      r.monthBaseFen = m.baseFen;
      r.monthSupplementFen = m.supplementFen;
      r.ytdFen = y.amountFen;
      r.ytdBaseFen = y.baseFen;
      r.ytdSupplementFen = y.supplementFen;
      r.perCapitaFen = r.persons > 0 ? Math.floor((r.monthFen * 2 + r.persons) / (2 * r.persons)) : 0;
    }
    return out;
  };

  const byVillage = await build('village');
  const total = (await build('all')).get('*') ?? emptyDibaoRow(null, '合计');
  total.villageName = '合计';
  total.villageId = null;
  const names = new Map(villages.map((v) => [v.id, v.name]));
  const rows: DibaoTableRow[] = villages.map((v) => {
    const r = byVillage.get(v.id) ?? emptyDibaoRow(v.id, v.name);
    r.villageName = v.name;
    return r;
  });
  // Rows for villages not in the list (should not happen: households reference villages) stay visible.
  for (const [id, r] of byVillage) {
    if (!names.has(id)) {
      r.villageName = `（未知村社区 ${id.slice(0, 8)}）`;
      rows.push(r);
    }
  }
  return { area, villages: rows, total };
}

/** The villages a report lists: active ones in their order, plus any inactive one that still has households. */
async function reportVillages(db: Kysely<DB>): Promise<{ id: string; name: string }[]> {
  const rows = await sql<{ id: string; name: string }>`
    SELECT v.id, v.name FROM villages v
    WHERE v.active = 1 OR EXISTS (SELECT 1 FROM households h WHERE h.village_id = v.id)
    ORDER BY v.sort_order, v.name`.execute(db);
  return rows.rows;
}

/** Computes one month's figures. Reads only; safe inside a transaction. */
export async function computeMonthFigures(db: Kysely<DB>, month: string): Promise<MonthFigures> {
  const township = await getSetting<{ code: string; name: string } | null>(db, 'township', null);
  const roll = await rollOf(db, month);
  const jan = `${month.slice(0, 4)}-01`;

  const paid = await countSet(db, paidIn(month), 'row');
  const started = await countSet(db, startedIn(jan, month), 'row_month');
  const stopped = await countSet(db, stoppedIn(jan, month), 'row_month');
  const granted = await countSet(db, grantedIn(jan, month), 'row_month');
  const money = await monthMoney(db, month, roll);
  const ytdMoneyMap = await ytdMoney(db, month);

  const rows: FigureRow[] = [];
  const ytd: YtdRow[] = [];
  for (const category of REPORT_CATEGORIES) {
    for (const area of AREAS) {
      const key = `${category}|${area}`;
      const r = emptyRow(category, area);
      const y: YtdRow = {
        category,
        area,
        newHouseholds: 0,
        newPersons: 0,
        exitHouseholds: 0,
        exitPersons: 0,
        amountFen: 0,
        baseFen: 0,
        supplementFen: 0,
      };
      if (category === 'linshi') {
        // A grant is new in its month and has no exit: households = newHouseholds = 人次.
        for (const [k, c] of granted) {
          if (!k.startsWith(`${key}|`)) continue;
          y.newHouseholds += c.cases;
          y.newPersons += c.persons;
          y.amountFen += c.grantFen;
          y.baseFen += c.grantFen;
          if (k.endsWith(`|${month}`)) {
            r.households = r.newHouseholds = r.cases = c.cases;
            r.persons = r.newPersons = c.persons;
            r.amountFen = r.baseFen = c.grantFen;
          }
        }
      } else {
        const p = paid.get(key) ?? NO_COUNTS;
        r.cases = p.cases;
        r.households = p.households;
        r.persons = p.persons;
        for (const [k, c] of started) {
          if (!k.startsWith(`${key}|`)) continue;
          y.newHouseholds += c.households;
          y.newPersons += c.persons;
          if (k.endsWith(`|${month}`)) {
            r.newHouseholds = c.households;
            r.newPersons = c.persons;
          }
        }
        for (const [k, c] of stopped) {
          if (!k.startsWith(`${key}|`)) continue;
          y.exitHouseholds += c.households;
          y.exitPersons += c.persons;
          if (k.endsWith(`|${month}`)) {
            r.exitHouseholds = c.households;
            r.exitPersons = c.persons;
          }
        }
        const m = sumWhere(money.byRowVillage, (parts) => parts[0] === category && parts[1] === area);
        r.amountFen = m.amountFen;
        r.baseFen = m.baseFen;
        r.supplementFen = m.supplementFen;
        const ym = sumWhere(ytdMoneyMap, (parts) => parts[0] === category && parts[1] === area);
        y.amountFen = ym.amountFen;
        y.baseFen = ym.baseFen;
        y.supplementFen = ym.supplementFen;
      }
      rows.push(r);
      ytd.push(y);
    }
  }

  const villages = await reportVillages(db);
  const dibaoTables: DibaoTable[] = [];
  for (const area of AREAS) {
    dibaoTables.push(await dibaoTable(db, month, area, villages, money.byRowVillage, ytdMoneyMap));
  }
  const rollState: RollState | null = roll
    ? { status: roll.status, totalFen: roll.total_fen, lineCount: roll.line_count }
    : null;
  const figures: MonthFigures = {
    township: { code: township?.code ?? '', name: township?.name ?? '' },
    month,
    amountsSource: roll?.status === 'confirmed' ? 'roll' : 'draft',
    roll: rollState,
    rows,
    ytd,
    linshi: await linshiFigures(db, month),
    tekunCare: await tekunCare(db, month),
    dibaoTables,
    extras: [],
    checks: [],
  };
  const extras = await extraFigures(db, month);
  figures.extras = extras.sections;
  figures.checks = [...(await crossChecks(db, figures, roll)), ...extras.checks];
  return figures;
}
