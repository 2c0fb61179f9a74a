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
import { daysInMonth } from '../../../shared/time';
import type { DB } from '../db/schema';
import { getSetting } from '../settings';
import { crossChecks } from './checks';
import { extraFigures } from './extras';
import { grainOf, sumGrain, type GrainRow } from './grain';
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
  type Money,
} from './sets';

export const AREAS: ReportArea[] = ['urban', 'rural'];

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

export interface RollRowFull extends RollRow {
  version: number;
  confirmed_at: string | null;
}

/**
 * A confirmed roll's sums by row code|area|village, from the cache (report_roll_sums) when the roll's stamp matches,
 * otherwise added up from its lines and cached. A read-only ledger simply skips the caching.
 */
export async function confirmedRollSums(db: Kysely<DB>, roll: RollRowFull): Promise<Map<string, Money>> {
  const stamp = `${roll.version}|${roll.confirmed_at ?? ''}|${roll.total_fen}|${roll.line_count}`;
  let cached: { g: string; amount_fen: number; base_fen: number; supplement_fen: number; lines: number }[] = [];
  try {
    cached = await db
      .selectFrom('report_roll_sums')
      .select(['g', 'amount_fen', 'base_fen', 'supplement_fen', 'lines'])
      .where('roll_id', '=', roll.id)
      .where('stamp', '=', stamp)
      .execute();
  } catch {
    // A ledger created before the cache table existed: add up the lines.
  }
  if (cached.length > 0) {
    return new Map(
      cached
        .filter((c) => c.g !== '')
        .map((c) => [
          c.g,
          { amountFen: c.amount_fen, baseFen: c.base_fen, supplementFen: c.supplement_fen, lines: c.lines },
        ]),
    );
  }
  const sums = await rollAmounts(db, [roll.id], 'row_village');
  try {
    await db.deleteFrom('report_roll_sums').where('roll_id', '=', roll.id).execute();
    // An empty roll is cached as one row with g = '' so it is not re-added each time.
    const rows = [...sums].map(([g, m]) => ({
      roll_id: roll.id,
      stamp,
      g,
      amount_fen: m.amountFen,
      base_fen: m.baseFen,
      supplement_fen: m.supplementFen,
      lines: m.lines,
    }));
    if (rows.length === 0)
      rows.push({ roll_id: roll.id, stamp, g: '', amount_fen: 0, base_fen: 0, supplement_fen: 0, lines: 0 });
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('report_roll_sums')
        .values(rows.slice(i, i + 200))
        .execute();
  } catch {
    // Read-only ledger: figures are still right, only slower next time.
  }
  return sums;
}

async function confirmedRolls(db: Kysely<DB>, months: string[]): Promise<RollRowFull[]> {
  return db
    .selectFrom('payment_rolls')
    .select(['id', 'month', 'status', 'total_fen', 'line_count', 'version', 'confirmed_at'])
    .where('status', '=', 'confirmed')
    .where('month', 'in', months)
    .execute();
}

async function monthMoney(db: Kysely<DB>, month: string): Promise<MoneyByKey> {
  const [roll] = await confirmedRolls(db, [month]);
  const byRowVillage = roll ? await confirmedRollSums(db, roll) : await draftAmounts(db, month, 'row_village');
  return { byRowVillage };
}

/** Year-to-date money: confirmed rolls where they exist, the cases' amounts (draft) for the other months. */
async function ytdMoney(db: Kysely<DB>, month: string): Promise<Map<string, Money>> {
  const months = monthsOfYearTo(month);
  const rolls = await confirmedRolls(db, months);
  const rolled = new Set(rolls.map((r) => r.month));
  const out = new Map<string, Money>();
  const add = (m: Map<string, Money>) => {
    for (const [k, v] of m) out.set(k, addMoney(out.get(k) ?? NO_MONEY, v));
  };
  for (const r of rolls) add(await confirmedRollSums(db, r));
  for (const m of months) if (!rolled.has(m)) add(await draftAmounts(db, m, 'row_village'));
  return out;
}

function linshiFigures(granted: GrainRow[], month: string): LinshiFigure[] {
  const out: LinshiFigure[] = [];
  for (const type of ['emergency', 'expenditure', 'unknown'] as const) {
    for (const area of AREAS) {
      const mine = (r: GrainRow) => r.k === 'linshi' && r.area === area && r.ltype === type;
      const ytd = sumGrain(granted, mine);
      const m = sumGrain(granted, (r) => mine(r) && r.month === month);
      const f: LinshiFigure = {
        area,
        type,
        times: m.cases,
        persons: m.persons,
        amountFen: m.grantFen,
        ytdTimes: ytd.cases,
        ytdAmountFen: ytd.grantFen,
      };
      if (type !== 'unknown' || f.ytdTimes > 0) out.push(f);
    }
  }
  return out;
}

async function tekunCare(db: Kysely<DB>, month: string): Promise<TekunCareFigure[]> {
  const set = paidIn(month);
  const rows = await sql<{ mode: string | null; area: ReportArea; grade: string | null; n: number }>`
    SELECT c.support_mode AS mode, c.area AS area, c.care_grade AS grade, count(*) AS n
    FROM cases c WHERE ${set.where} AND c.category = 'tekun' GROUP BY 1, 2, 3`.execute(db);
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

/** 致贫原因 of the 低保 households paid in M, by area and village. */
async function dibaoCauses(db: Kysely<DB>, month: string) {
  const set = andWhere(paidIn(month), sql`c.category = 'dibao'`);
  const rows = await sql<{ area: ReportArea; g: string; cause: PovertyCause; n: number }>`
    SELECT c.area AS area, h.village_id AS g, ${CAUSE} AS cause, count(DISTINCT c.household_id) AS n
    FROM cases c JOIN households h ON h.id = c.household_id WHERE ${set.where} GROUP BY 1, 2, 3`.execute(db);
  return rows.rows;
}

/**
 * The 合计 row of the 低保 table: households, persons, new and exits by their own queries (by area, not by adding
 * the villages), so the cross-check “各村之和 = 合计” compares two computations.
 */
async function dibaoTotals(
  db: Kysely<DB>,
  month: string,
  causes: { area: ReportArea; g: string; cause: PovertyCause; n: number }[],
): Promise<Map<ReportArea, DibaoTableRow>> {
  const only = sql`c.category = 'dibao'`;
  const out = new Map<ReportArea, DibaoTableRow>(AREAS.map((a) => [a, emptyDibaoRow(null, '合计')]));
  const paid = andWhere(paidIn(month), only);
  for (const [k, c] of await countSet(db, paid, 'row', { persons: false })) {
    const r = out.get(k.split('|')[1] as ReportArea);
    if (r) r.households = c.households;
  }
  // Persons by their own distinct count; the person categories (women, elderly …) are added up from the villages.
  const persons = await sql<{ area: ReportArea; persons: number }>`
    SELECT s.area, count(DISTINCT s.person_id) AS persons FROM (${personsOf(paid)}) s GROUP BY s.area`.execute(db);
  for (const p of persons.rows) {
    const r = out.get(p.area);
    if (r) r.persons = p.persons;
  }
  for (const c of causes) {
    const r = out.get(c.area);
    if (r) r.causes[c.cause] += c.n;
  }
  for (const [k, c] of await countSet(db, andWhere(startedIn(month, month), only), 'row')) {
    const r = out.get(k.split('|')[1] as ReportArea);
    if (r) Object.assign(r, { newHouseholds: c.households, newPersons: c.persons });
  }
  for (const [k, c] of await countSet(db, andWhere(stoppedIn(month, month), only), 'row')) {
    const r = out.get(k.split('|')[1] as ReportArea);
    if (r) Object.assign(r, { exitHouseholds: c.households, exitPersons: c.persons });
  }
  return out;
}

interface Grains {
  paid: GrainRow[];
  started: GrainRow[];
  stopped: GrainRow[];
  causes: { area: ReportArea; g: string; cause: PovertyCause; n: number }[];
  totals: Map<ReportArea, DibaoTableRow>;
}

function withMoney(
  r: DibaoTableRow,
  area: ReportArea,
  village: string | null,
  money: Map<string, Money>,
  ytd: Map<string, Money>,
): void {
  const mine = (parts: string[]) =>
    parts[0] === 'dibao' && parts[1] === area && (village === null || parts[2] === village);
  const m = sumWhere(money, mine);
  const y = sumWhere(ytd, mine);
  r.monthFen = m.amountFen;
  r.monthBaseFen = m.baseFen;
  r.monthSupplementFen = m.supplementFen;
  r.ytdFen = y.amountFen;
  r.ytdBaseFen = y.baseFen;
  r.ytdSupplementFen = y.supplementFen;
  r.perCapitaFen = r.persons > 0 ? Math.floor((r.monthFen * 2 + r.persons) / (2 * r.persons)) : 0;
}

function dibaoTable(
  month: string,
  area: ReportArea,
  villages: { id: string; name: string }[],
  grains: Grains,
  money: Map<string, Money>,
  ytd: Map<string, Money>,
): DibaoTable {
  const ids = new Set(villages.map((v) => v.id));
  const extra = new Set<string>();
  for (const g of [...grains.paid, ...grains.started, ...grains.stopped]) {
    if (g.k === 'dibao' && g.area === area && !ids.has(g.village)) extra.add(g.village);
  }
  // Rows for villages not in the list (should not happen: households reference villages) stay visible.
  const list = [...villages, ...[...extra].map((id) => ({ id, name: `（未知村社区 ${id.slice(0, 8)}）` }))];
  const rows = list.map((v) => {
    const r = emptyDibaoRow(v.id, v.name);
    const here = (g: GrainRow) => g.k === 'dibao' && g.area === area && g.village === v.id;
    const p = sumGrain(grains.paid, here);
    Object.assign(r, {
      households: p.households,
      persons: p.persons,
      women: p.women,
      elderly: p.elderly,
      minors: p.minors,
      disabled: p.disabled,
      labourPartial: p.labourPartial,
      labourNone: p.labourNone,
    });
    const n = sumGrain(grains.started, (g) => here(g) && g.month === month);
    const x = sumGrain(grains.stopped, (g) => here(g) && g.month === month);
    Object.assign(r, {
      newHouseholds: n.households,
      newPersons: n.persons,
      exitHouseholds: x.households,
      exitPersons: x.persons,
    });
    for (const c of grains.causes) if (c.area === area && c.g === v.id) r.causes[c.cause] += c.n;
    withMoney(r, area, v.id, money, ytd);
    return r;
  });
  const total = grains.totals.get(area) ?? emptyDibaoRow(null, '合计');
  for (const key of ['women', 'elderly', 'minors', 'disabled', 'labourPartial', 'labourNone'] as const) {
    total[key] = rows.reduce((a, r) => a + r[key], 0);
  }
  withMoney(total, area, null, money, ytd);
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

/** Computes one month's figures. Reads the ledger (and fills the roll-sum cache); safe inside a transaction. */
export async function computeMonthFigures(db: Kysely<DB>, month: string): Promise<MonthFigures> {
  const township = await getSetting<{ code: string; name: string } | null>(db, 'township', null);
  const roll = await rollOf(db, month);
  const jan = `${month.slice(0, 4)}-01`;

  const paid = await grainOf(db, paidIn(month), month);
  const started = await grainOf(db, startedIn(jan, month), null);
  const stopped = await grainOf(db, stoppedIn(jan, month), null);
  const granted = await grainOf(db, grantedIn(jan, month), null);
  const money = await monthMoney(db, month);
  const ytdMoneyMap = await ytdMoney(db, month);

  const rows: FigureRow[] = [];
  const ytd: YtdRow[] = [];
  for (const category of REPORT_CATEGORIES) {
    for (const area of AREAS) {
      const r = emptyRow(category, area);
      const mine = (g: GrainRow) => g.k === category && g.area === area;
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
        const all = sumGrain(granted, mine);
        const m = sumGrain(granted, (g) => mine(g) && g.month === month);
        Object.assign(y, {
          newHouseholds: all.cases,
          newPersons: all.persons,
          amountFen: all.grantFen,
          baseFen: all.grantFen,
        });
        Object.assign(r, {
          cases: m.cases,
          households: m.cases,
          newHouseholds: m.cases,
          persons: m.persons,
          newPersons: m.persons,
          amountFen: m.grantFen,
          baseFen: m.grantFen,
        });
      } else {
        const p = sumGrain(paid, mine);
        const n = sumGrain(started, (g) => mine(g) && g.month === month);
        const x = sumGrain(stopped, (g) => mine(g) && g.month === month);
        const ny = sumGrain(started, mine);
        const xy = sumGrain(stopped, mine);
        Object.assign(r, {
          cases: p.cases,
          households: p.households,
          persons: p.persons,
          newHouseholds: n.households,
          newPersons: n.persons,
          exitHouseholds: x.households,
          exitPersons: x.persons,
        });
        Object.assign(y, {
          newHouseholds: ny.households,
          newPersons: ny.persons,
          exitHouseholds: xy.households,
          exitPersons: xy.persons,
        });
        const m = sumWhere(money.byRowVillage, (parts) => parts[0] === category && parts[1] === area);
        Object.assign(r, { amountFen: m.amountFen, baseFen: m.baseFen, supplementFen: m.supplementFen });
        const ym = sumWhere(ytdMoneyMap, (parts) => parts[0] === category && parts[1] === area);
        Object.assign(y, { amountFen: ym.amountFen, baseFen: ym.baseFen, supplementFen: ym.supplementFen });
      }
      rows.push(r);
      ytd.push(y);
    }
  }

  const villages = await reportVillages(db);
  // 致贫原因 per village; the 合计 row adds them up (its households are counted on their own).
  const causes = await dibaoCauses(db, month);
  const grains: Grains = { paid, started, stopped, causes, totals: await dibaoTotals(db, month, causes) };
  const dibaoTables = AREAS.map((area) => dibaoTable(month, area, villages, grains, money.byRowVillage, ytdMoneyMap));
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
    linshi: linshiFigures(granted, month),
    tekunCare: await tekunCare(db, month),
    dibaoTables,
    extras: [],
    checks: [],
  };
  const extras = await extraFigures(db, month);
  figures.extras = extras.sections;
  const rollSums =
    figures.amountsSource === 'roll'
      ? money.byRowVillage
      : roll
        ? await rollAmounts(db, [roll.id], 'row_village')
        : new Map<string, Money>();
  figures.checks = [...(await crossChecks(db, figures, roll, rollSums)), ...extras.checks];
  return figures;
}
