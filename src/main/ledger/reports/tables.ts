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
import { sumGrain, type GrainRow, type GrainSum } from './grain';
import type { MoneyIndex } from './money';

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

export interface Grains {
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
