// Local numbers as settings, not code (docs/DOMAIN.md §1, §7): deadlines per category, re-check cycles, 分类施保 rules,
// 临时救助 limits — key 'cases.settings'; dated standards (they change every year) — key 'cases.standards';
// the township's 临时救助备用金 balance — key 'cases.reserveFen'.
import type { CaseSettings, Category, DeadlineSetting, StandardEntry } from '../../../shared/api/cases';
import type { Kysely } from 'kysely';
import type { DB } from '../db';
import { getSettingRow } from '../settings';

export const SETTINGS_KEY = 'cases.settings';
export const STANDARDS_KEY = 'cases.standards';
export const RESERVE_KEY = 'cases.reserveFen';

const dibaoLike: DeadlineSetting = {
  investigateDays: 3, // S-57 Art 15
  townshipDays: 15, // derived: 30 overall − 10 county − ~5 wd of 公示 [local]
  publicity: { days: 7, working: false }, // S-57 Art 19
  countyDays: 10, // S-57 Art 20
  overallDays: 30, // S-57 Art 22
  overallSpecialDays: 45,
};

/** Defaults from docs/DOMAIN.md §1; every number can be changed in 设置. */
export const DEFAULT_SETTINGS: CaseSettings = {
  deadlines: {
    dibao: dibaoLike,
    bianyuan: dibaoLike,
    gangxing: { ...dibaoLike }, // S-刚性: county within 30 (45) wd
    // S-43 Art 13, 15, 16: township 15 wd, 公示 7 days, county 15 wd. Overall: 15 + ~5 + 15 [derived].
    tekun: { ...dibaoLike, townshipDays: 15, countyDays: 15, overallDays: 35, overallSpecialDays: 45 },
    // S-事实: 乡镇查验 15 wd, no 公示 (privacy), county 15 wd.
    wurenfuyang: {
      ...dibaoLike,
      townshipDays: 15,
      publicity: null,
      countyDays: 15,
      overallDays: 30,
      overallSpecialDays: 45,
    },
    guer: { ...dibaoLike, townshipDays: 15, countyDays: 15, overallDays: 35, overallSpecialDays: 45 }, // [local]
    // 两项补贴 [local]: 10/10 wd per stage, 公示 5 working days.
    canji_living: {
      ...dibaoLike,
      townshipDays: 10,
      publicity: { days: 5, working: true },
      countyDays: 10,
      overallDays: 30,
    },
    canji_care: {
      ...dibaoLike,
      townshipDays: 10,
      publicity: { days: 5, working: true },
      countyDays: 10,
      overallDays: 30,
    },
    // 临时救助: NC uses 5/10 wd for 入户核实 [local]; 支出型 follows 申请-受理-审核-审批 with 公示.
    linshi: { ...dibaoLike, townshipDays: 10, countyDays: 10, overallDays: 30 },
  },
  recheck: {
    dibao: 'yearly', // S-57 Art 31: stable yearly; unstable income / able to work half-yearly (chosen per case)
    tekun: 'yearly', // S-改革 §7
    bianyuan: 'yearly',
    gangxing: null, // valid 12 months, then re-apply
    canji_living: 'yearly',
    canji_care: 'yearly',
    guer: 'yearly',
    wurenfuyang: 'yearly',
    linshi: null,
  },
  supplementRules: { elderlyAge: 60, minorAge: 18, stacking: 'highest' },
  bianyuanMultiple: 1.5, // S-57 Art 8
  taperMaxMonths: 6, // S-57 Art 33; S-兜底 §1(3)
  deathRecheckMonths: 3, // S-兜底 §1(3)
  gangxingValidityMonths: 12, // S-刚性
  linshi: { smallLimitFen: 100_000, maxStandardMultiple: 10 }, // [local]: 1,000 元 小额; cap 10× the monthly 低保 standard
  canjiCareMentalExtension: true, // 52号: may extend to 三、四级 智力/精神
};

/** 两项补贴 are paid from the month of application; everything else from the month after the decision. */
export const FROM_APPLICATION_MONTH: ReadonlySet<Category> = new Set(['canji_living', 'canji_care']);

export async function getCaseSettings(db: Kysely<DB>): Promise<CaseSettings & { version: number }> {
  const row = await getSettingRow(db, SETTINGS_KEY);
  const stored = (row?.value ?? {}) as Partial<CaseSettings>;
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    deadlines: { ...DEFAULT_SETTINGS.deadlines, ...stored.deadlines },
    recheck: { ...DEFAULT_SETTINGS.recheck, ...stored.recheck },
    supplementRules: { ...DEFAULT_SETTINGS.supplementRules, ...stored.supplementRules },
    linshi: { ...DEFAULT_SETTINGS.linshi, ...stored.linshi },
    version: row?.version ?? 0,
  };
}

export async function listStandards(db: Kysely<DB>): Promise<StandardEntry[]> {
  const row = await getSettingRow(db, STANDARDS_KEY);
  return (row?.value as StandardEntry[] | undefined) ?? [];
}

/** The standard in force for a category/area in a month: the entry with the greatest effectiveMonth <= month. */
export function standardFor(
  all: StandardEntry[],
  category: Category,
  area: 'urban' | 'rural',
  month: string,
): StandardEntry | undefined {
  let best: StandardEntry | undefined;
  for (const s of all) {
    if (s.category !== category || s.area !== area || s.effectiveMonth > month) continue;
    if (
      !best ||
      s.effectiveMonth > best.effectiveMonth ||
      (s.effectiveMonth === best.effectiveMonth && s.createdAt > best.createdAt)
    )
      best = s;
  }
  return best;
}

/** Which fields each category's standard needs (checked when a reviewer adds one). */
export const STANDARD_FIELDS: Record<
  Exclude<Category, 'linshi'>,
  (keyof Omit<StandardEntry, 'id' | 'createdAt' | 'createdByName'>)[]
> = {
  dibao: ['standardFen', 'method', 'supplements'],
  tekun: ['basicFen', 'careFen'],
  bianyuan: ['monthlyFen'],
  gangxing: ['monthlyFen'],
  canji_living: ['monthlyFen'],
  canji_care: ['grade1Fen', 'grade2Fen', 'otherFen'],
  guer: ['centralizedFen', 'dispersedFen'],
  wurenfuyang: ['monthlyFen'],
};

export async function reserveBalance(db: Kysely<DB>): Promise<{ balanceFen: number; version: number }> {
  const row = await getSettingRow(db, RESERVE_KEY);
  return { balanceFen: typeof row?.value === 'number' ? row.value : 0, version: row?.version ?? 0 };
}
