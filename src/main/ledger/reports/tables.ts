// The tables of the month's figures added up from the grain: the 临时救助 split, the 特困 care grades and provincial
// 特困 table, and the county 低保 table per area (villages and 合计).
import type {
  DibaoTable,
  DibaoTableRow,
  FigureRow,
  LinshiFigure,
  PovertyCause,
  ReportArea,
  TekunAreaFigure,
  TekunCareFigure,
  YtdRow,
} from '../../../shared/api/reports';
import type { StandardEntry } from '../../../shared/api/cases';
import { standardFor } from '../cases';
import { sumGrain, type GrainRow } from './grain';
import type { MoneyIndex } from './money';
import type { Money } from './sets';

export const AREAS: ReportArea[] = ['urban', 'rural'];

export function linshiFigures(granted: GrainRow[], month: string): LinshiFigure[] {
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
export function tekunCare(paid: GrainRow[]): TekunCareFigure[] {
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
export function tekunAreas(
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

export interface Grains {
  paid: GrainRow[];
  started: GrainRow[];
  stopped: GrainRow[];
}

/** Half up, in fen: `fen` shared among `persons` (0 when none). */
const perPerson = (fen: number, persons: number): number =>
  persons > 0 ? Math.floor((fen * 2 + persons) / (2 * persons)) : 0;

/**
 * One row of the county 低保 table (villages and the 合计 alike): the counts of a selection of the grain and the money
 * of its key (`dibao|area` or `dibao|area|village`) for the month and the year to date.
 */
function dibaoRow(
  village: { id: string | null; name: string },
  grains: Grains,
  month: string,
  pick: (g: GrainRow) => boolean,
  money: Money,
  ytd: Money,
): DibaoTableRow {
  const p = sumGrain(grains.paid, pick);
  const n = sumGrain(grains.started, (g) => pick(g) && g.month === month);
  const x = sumGrain(grains.stopped, (g) => pick(g) && g.month === month);
  const causes: Record<PovertyCause, number> = {
    illness: 0,
    disability: 0,
    education: 0,
    disaster: 0,
    no_labour: 0,
    other: 0,
  };
  for (const g of grains.paid) if (pick(g)) causes[g.cause as PovertyCause] += g.households;
  const a = p.a;
  return {
    villageId: village.id,
    villageName: village.name,
    households: p.households,
    persons: p.persons,
    women: a.women,
    elderly: a.elderly,
    minors: a.minors,
    disabled: a.disabled,
    labourPartial: a.labourPartial,
    labourNone: a.labourNone,
    causes,
    newHouseholds: n.households,
    newPersons: n.persons,
    exitHouseholds: x.households,
    exitPersons: x.persons,
    ytdFen: ytd.amountFen,
    ytdBaseFen: ytd.baseFen,
    ytdSupplementFen: ytd.supplementFen,
    monthFen: money.amountFen,
    monthBaseFen: money.baseFen,
    monthSupplementFen: money.supplementFen,
    perCapitaFen: perPerson(money.amountFen, p.persons),
    labour: { able: a.labour4Able, partial: a.labour4Partial, none: a.labour4None, notWorkingAge: a.labour4Age },
    personCauses: {
      illness: a.causeIllness,
      disability: a.causeDisability,
      education: a.causeEducation,
      disaster: a.causeDisaster,
      no_labour: a.causeNoLabour,
      other: a.causeOther,
    },
    monthPriceFen: 0,
    monthAgedFen: 0,
    ytdPriceFen: 0,
    ytdAgedFen: 0,
    perCapitaBaseFen: perPerson(money.baseFen, p.persons),
  };
}

export function dibaoTable(
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
  const row = (v: { id: string | null; name: string }, pick: (g: GrainRow) => boolean): DibaoTableRow => {
    const key = v.id === null ? `dibao|${area}` : `dibao|${area}|${v.id}`;
    return dibaoRow(v, grains, month, pick, money.get(key), ytd.get(key));
  };
  const rows = list.map((v) => row(v, (g) => g.k === 'dibao' && g.area === area && g.village === v.id));
  // The 合计 row from the same grain over all villages; the checks recount it on their own (dibao_<area>_villages).
  const total = row({ id: null, name: '合计' }, (g) => g.k === 'dibao' && g.area === area);
  return { area, villages: rows, total };
}
