// 月报数字: one month's figures for the township, computed from the ledger in SQL (never typed in). Every figure is
// an aggregate of a set in sets.ts; docs/REPORTS.md writes the definitions down.
import { sql, type Kysely } from 'kysely';
import {
  REPORT_CATEGORIES,
  type FigureRow,
  type MonthFigures,
  type ReportArea,
  type ReportCategory,
  type ReportCheck,
  type RollState,
  type YtdRow,
} from '../../../shared/api/reports';
import { listStandards, standardFor } from '../cases';
import type { DB } from '../db';
import { getSetting } from '../settings';
import { previousMonth } from '../../../shared/time';
import { crossChecks } from './checks';
import { extraFigures } from './extras';
import { monthGrain, sumGrain, type GrainRow } from './grain';
import { keptFigures } from './figures-cache';
import { confirmedRolls, confirmedRollSums, monthMoney, moneyIndex, rollOf, ytdMoney } from './money';
import { CAUSE, rollAmounts, type Money } from './sets';
import { AREAS, dibaoTable, linshiFigures, tekunAreas, tekunCare, type Grains } from './tables';

export { AREAS };
export { monthsOfYearTo, rollOf, type RollRow } from './money';

/** 社会救助 as the national forms define it: 低保 + 特困 + 临时救助 (孤儿/两项补贴 are 社会福利). */
export const SOCIAL_ASSISTANCE = (c: ReportCategory): boolean =>
  c === 'dibao' || c === 'tekun_centralized' || c === 'tekun_dispersed' || c === 'linshi';

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
  const monthOnly = options.monthOnly ?? false;
  const mode = monthOnly ? 'month' : 'year';
  const figures = await keptFigures(db, `${month}|${mode}`, () => socialFigures(db, month, monthOnly));
  return (options.full ?? true) ? withChecksAndExtras(db, figures, mode) : figures;
}

/** Adds the other ledgers' sections (read each time: their tables move no stamp) and the checks (kept). */
async function withChecksAndExtras(db: Kysely<DB>, figures: MonthFigures, mode: string): Promise<MonthFigures> {
  const extras = await extraFigures(db, figures.month);
  figures.extras = extras.sections;
  const checks = await keptFigures(db, `${figures.month}|${mode}|checks`, () => socialChecks(db, figures));
  figures.checks = [...checks, ...extras.checks];
  return figures;
}

/** The cross-checks of the figures of 社会救助 and 社会福利 against their own recounts and the month's roll. */
export async function socialChecks(db: Kysely<DB>, figures: MonthFigures): Promise<ReportCheck[]> {
  const roll = await rollOf(db, figures.month);
  const [confirmed] = await confirmedRolls(db, [figures.month]);
  const rollSums = confirmed
    ? await confirmedRollSums(db, confirmed)
    : roll
      ? await rollAmounts(db, [roll.id], 'row_village')
      : new Map<string, Money>();
  return crossChecks(db, figures, roll, rollSums);
}

/** The figures of the ledger of 社会救助 and 社会福利 (no checks, no other ledgers' sections). */
export async function socialFigures(db: Kysely<DB>, month: string, monthOnly: boolean): Promise<MonthFigures> {
  // One pass over the month's cases: paid in M, new and exits January..M, 临时救助 granted January..M.
  const grain = await monthGrain(db, month, monthOnly ? { from: month, attributes: false } : { attributes: true });
  return assembleFigures(
    db,
    month,
    monthOnly,
    setsOf(grain, 'P', () => true),
  );
}

/**
 * The month's figures (with all their checks and the other ledgers' sections) and the previous month's alone for the
 * 上月 column. When neither is kept and both months are in one year, both come from ONE read of the month's cases:
 * the grain of M holds the cases paid in M-1 ('Q') and the new, exits and grants of every month since January.
 */
export async function figuresWithPrevious(
  db: Kysely<DB>,
  month: string,
): Promise<{ figures: MonthFigures; previous: MonthFigures }> {
  const prev = previousMonth(month);
  let early: { stamp: string | null; figures: MonthFigures } | undefined;
  const figures = await keptFigures(db, `${month}|year`, async (stamp) => {
    if (prev.slice(0, 4) !== month.slice(0, 4)) return socialFigures(db, month, false);
    const grain = await monthGrain(db, month, { attributes: true, previous: prev });
    const inPrev = (g: GrainRow) => g.month === prev;
    early = { stamp, figures: await assembleFigures(db, prev, true, setsOf(grain, 'Q', inPrev)) };
    return assembleFigures(
      db,
      month,
      false,
      setsOf(grain, 'P', () => true),
    );
  });
  // Kept only under the stamp both were read at: a write in between gives the previous month its own read.
  const previous = await keptFigures(db, `${prev}|month`, async (stamp) =>
    early && early.stamp === stamp ? early.figures : socialFigures(db, prev, true),
  );
  return { figures: await withChecksAndExtras(db, figures, 'year'), previous };
}

interface GrainSets extends Grains {
  granted: GrainRow[];
}

/** The sets of a grain: paid (`paid`: 'P' in M, or 'Q' in the month before), and the new, exits and grants `when` keeps. */
function setsOf(grain: GrainRow[], paid: 'P' | 'Q', when: (g: GrainRow) => boolean): GrainSets {
  const of = (s: string) => grain.filter((g) => g.s === s && when(g));
  return { paid: grain.filter((g) => g.s === paid), started: of('N'), stopped: of('X'), granted: of('G') };
}

async function assembleFigures(
  db: Kysely<DB>,
  month: string,
  monthOnly: boolean,
  { paid, started, stopped, granted }: GrainSets,
): Promise<MonthFigures> {
  const township = await getSetting<{ code: string; name: string } | null>(db, 'township', null);
  const roll = await rollOf(db, month);
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
  return figures;
}
