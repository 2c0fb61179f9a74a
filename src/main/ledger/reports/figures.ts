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
  type TekunAreaFigure,
  type TekunCareFigure,
  type YtdRow,
} from '../../../shared/api/reports';
import type { StandardEntry } from '../../../shared/api/cases';
import { listStandards, standardFor } from '../cases';
import type { DB } from '../db';
import { getSetting } from '../settings';
import { crossChecks } from './checks';
import { extraFigures } from './extras';
import { monthGrain, sumGrain, type GrainRow, type GrainSum } from './grain';
import { addMoney, CAUSE, draftAmounts, NO_MONEY, rollAmounts, type Money, type SetLabel } from './sets';

export const AREAS: ReportArea[] = ['urban', 'rural'];

/** 社会救助 as the national forms define it: 低保 + 特困 + 临时救助 (孤儿/两项补贴 are 社会福利). */
export const SOCIAL_ASSISTANCE = (c: ReportCategory): boolean =>
  c === 'dibao' || c === 'tekun_centralized' || c === 'tekun_dispersed' || c === 'linshi';

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

export { ageCutoffs, attributeCondition, BIRTH_DATE, type Attribute } from './attributes';

export { CAUSE };

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

/** Money by code|area|village plus its roll-up by code|area (the keys a figure reads, looked up, not searched). */
interface MoneyIndex {
  get(key: string): Money;
}

function moneyIndex(m: Map<string, Money>): MoneyIndex {
  const all = new Map(m);
  for (const [k, v] of m) {
    const row = k.split('|', 2).join('|');
    all.set(row, addMoney(all.get(row) ?? NO_MONEY, v));
  }
  return { get: (key) => all.get(key) ?? NO_MONEY };
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
        personTimes: m.personTimes,
        amountFen: m.grantFen,
        ytdTimes: ytd.cases,
        ytdPersonTimes: ytd.personTimes,
        ytdAmountFen: ytd.grantFen,
      };
      if (type !== 'unknown' || f.ytdTimes > 0) out.push(f);
    }
  }
  return out;
}

/** 特困 care grades by 供养方式 and area, from the grain of the cases paid in M. */
function tekunCare(paid: GrainRow[]): TekunCareFigure[] {
  const out: TekunCareFigure[] = [];
  for (const mode of ['centralized', 'dispersed'] as const) {
    for (const area of AREAS) {
      const g = sumGrain(paid, (r) => r.k === `tekun_${mode}` && r.area === area);
      out.push({ mode, area, full: g.careFull, partial: g.carePartial, none: g.careNone, unknown: g.careUnknown });
    }
  }
  return out;
}

/** The provincial 特困 table per area: persons, households, categories, grades, money and the standard in force. */
function tekunAreas(
  paid: GrainRow[],
  rows: FigureRow[],
  ytd: YtdRow[],
  standards: StandardEntry[],
  month: string,
): TekunAreaFigure[] {
  return AREAS.map((area) => {
    const g = sumGrain(paid, (r) => r.k.startsWith('tekun_') && r.area === area);
    const c = sumGrain(paid, (r) => r.k === 'tekun_centralized' && r.area === area);
    const mine = rows.filter((r) => r.category.startsWith('tekun_') && r.area === area);
    const s = standardFor(standards, 'tekun', area, month);
    const money = (f: (r: FigureRow) => number) => mine.reduce((a, r) => a + f(r), 0);
    return {
      area,
      households: g.households,
      persons: g.persons,
      centralized: c.persons,
      dispersed: g.persons - c.persons,
      women: g.a.women,
      elderly: g.a.elderly,
      under16: g.a.under16,
      disabled: g.a.disabled,
      grade1: g.careFull,
      grade2: g.carePartial,
      grade3: g.careNone,
      ungraded: g.careUnknown,
      monthBaseFen: money((r) => r.baseFen),
      monthCareFen: money((r) => r.supplementFen),
      monthTemporaryFen: 0,
      monthFen: money((r) => r.amountFen),
      ytdFen: ytd
        .filter((y) => y.category.startsWith('tekun_') && y.area === area)
        .reduce((a, y) => a + y.amountFen, 0),
      standard:
        s && s.basicFen !== undefined && s.careFen
          ? { basicFen: s.basicFen, grade1Fen: s.careFen.full, grade2Fen: s.careFen.partial, grade3Fen: s.careFen.none }
          : null,
    };
  });
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
    labour: { able: 0, partial: 0, none: 0, notWorkingAge: 0 },
    personCauses: { illness: 0, disability: 0, education: 0, disaster: 0, no_labour: 0, other: 0 },
    monthPriceFen: 0,
    monthAgedFen: 0,
    ytdPriceFen: 0,
    ytdAgedFen: 0,
    perCapitaBaseFen: 0,
  };
}

/** Copies the person attributes of a grain sum onto a 低保 table row. */
function withAttributes(r: DibaoTableRow, p: GrainSum): void {
  Object.assign(r, {
    women: p.a.women,
    elderly: p.a.elderly,
    minors: p.a.minors,
    disabled: p.a.disabled,
    labourPartial: p.a.labourPartial,
    labourNone: p.a.labourNone,
    labour: {
      able: p.a.labour4Able,
      partial: p.a.labour4Partial,
      none: p.a.labour4None,
      notWorkingAge: p.a.labour4Age,
    },
    personCauses: {
      illness: p.a.causeIllness,
      disability: p.a.causeDisability,
      education: p.a.causeEducation,
      disaster: p.a.causeDisaster,
      no_labour: p.a.causeNoLabour,
      other: p.a.causeOther,
    },
  });
}

/** Copies the 低保 counts of a grain selection onto a table row (villages and the 合计 alike). */
function dibaoCounts(r: DibaoTableRow, grains: Grains, month: string, pick: (g: GrainRow) => boolean): void {
  const p = sumGrain(grains.paid, pick);
  r.households = p.households;
  r.persons = p.persons;
  withAttributes(r, p);
  const n = sumGrain(grains.started, (g) => pick(g) && g.month === month);
  const x = sumGrain(grains.stopped, (g) => pick(g) && g.month === month);
  Object.assign(r, {
    newHouseholds: n.households,
    newPersons: n.persons,
    exitHouseholds: x.households,
    exitPersons: x.persons,
  });
  for (const g of grains.paid) if (pick(g)) r.causes[g.cause as PovertyCause] += g.households;
}

interface Grains {
  paid: GrainRow[];
  started: GrainRow[];
  stopped: GrainRow[];
}

function withMoney(
  r: DibaoTableRow,
  area: ReportArea,
  village: string | null,
  money: MoneyIndex,
  ytd: MoneyIndex,
): void {
  const key = village === null ? `dibao|${area}` : `dibao|${area}|${village}`;
  const m = money.get(key);
  const y = ytd.get(key);
  r.monthFen = m.amountFen;
  r.monthBaseFen = m.baseFen;
  r.monthSupplementFen = m.supplementFen;
  r.ytdFen = y.amountFen;
  r.ytdBaseFen = y.baseFen;
  r.ytdSupplementFen = y.supplementFen;
  r.perCapitaFen = r.persons > 0 ? Math.floor((r.monthFen * 2 + r.persons) / (2 * r.persons)) : 0;
  r.perCapitaBaseFen = r.persons > 0 ? Math.floor((r.monthBaseFen * 2 + r.persons) / (2 * r.persons)) : 0;
}

function dibaoTable(
  month: string,
  area: ReportArea,
  villages: { id: string; name: string }[],
  grains: Grains,
  money: MoneyIndex,
  ytd: MoneyIndex,
): DibaoTable {
  // The area's 低保 grain only (the village rows below each add up a part of it).
  const mine = (g: GrainRow) => g.k === 'dibao' && g.area === area;
  grains = {
    paid: grains.paid.filter(mine),
    started: grains.started.filter(mine),
    stopped: grains.stopped.filter(mine),
  };
  const ids = new Set(villages.map((v) => v.id));
  const extra = new Set<string>();
  for (const g of [...grains.paid, ...grains.started, ...grains.stopped]) if (!ids.has(g.village)) extra.add(g.village);
  // Rows for villages not in the list (should not happen: households reference villages) stay visible.
  const list = [...villages, ...[...extra].map((id) => ({ id, name: `（未知村社区 ${id.slice(0, 8)}）` }))];
  const rows = list.map((v) => {
    const r = emptyDibaoRow(v.id, v.name);
    dibaoCounts(r, grains, month, (g) => g.k === 'dibao' && g.area === area && g.village === v.id);
    withMoney(r, area, v.id, money, ytd);
    return r;
  });
  // The 合计 row from the same grain over all villages; the checks recount it on their own (dibao_<area>_villages).
  const total = emptyDibaoRow(null, '合计');
  dibaoCounts(total, grains, month, (g) => g.k === 'dibao' && g.area === area);
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
export interface FigureOptions {
  /** Compute the cross-checks and the other ledgers' sections (default true); false for a 上月 column only. */
  full?: boolean;
  /**
   * Only the month itself (for a 上月 column): new/exit and money of that month, no year to date, no person
   * categories — the year-to-date fields of the result then hold the month alone.
   */
  monthOnly?: boolean;
}

export async function computeMonthFigures(
  db: Kysely<DB>,
  month: string,
  options: FigureOptions = {},
): Promise<MonthFigures> {
  const full = options.full ?? true;
  const township = await getSetting<{ code: string; name: string } | null>(db, 'township', null);
  const roll = await rollOf(db, month);

  // One pass over the month's cases: paid in M, new and exits January..M, 临时救助 granted January..M.
  const monthOnly = options.monthOnly ?? false;
  const grain = await monthGrain(db, month, monthOnly ? { from: month, attributes: false } : { attributes: true });
  const of = (s: SetLabel) => grain.filter((g) => g.s === s);
  const paid = of('P');
  const started = of('N');
  const stopped = of('X');
  const granted = of('G');
  const money = await monthMoney(db, month);
  const monthIndex = moneyIndex(money.byRowVillage);
  const ytdIndex = monthOnly ? monthIndex : moneyIndex(await ytdMoney(db, month));

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
        const m = monthIndex.get(`${category}|${area}`);
        Object.assign(r, { amountFen: m.amountFen, baseFen: m.baseFen, supplementFen: m.supplementFen });
        const ym = ytdIndex.get(`${category}|${area}`);
        Object.assign(y, { amountFen: ym.amountFen, baseFen: ym.baseFen, supplementFen: ym.supplementFen });
      }
      rows.push(r);
      ytd.push(y);
    }
  }

  const villages = await reportVillages(db);
  const standards = await listStandards(db);
  // 致贫原因 per village; the 合计 row adds them up (its households are counted on their own).
  const grains: Grains = { paid, started, stopped };
  const dibaoTables = AREAS.map((area) => dibaoTable(month, area, villages, grains, monthIndex, ytdIndex));
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
    tekunCare: tekunCare(paid),
    dibaoTables,
    extras: [],
    checks: [],
    tekun: tekunAreas(paid, rows, ytd, standards, month),
    dibaoStandardFen: {
      urban: standardFor(standards, 'dibao', 'urban', month)?.standardFen ?? null,
      rural: standardFor(standards, 'dibao', 'rural', month)?.standardFen ?? null,
    },
    socialAssistanceFen: rows.filter((r) => SOCIAL_ASSISTANCE(r.category)).reduce((a, r) => a + r.amountFen, 0),
    socialAssistanceYtdFen: ytd.filter((r) => SOCIAL_ASSISTANCE(r.category)).reduce((a, r) => a + r.amountFen, 0),
  };
  if (!full) return figures;
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
