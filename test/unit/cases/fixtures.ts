// Shared set-up for the case tests: a ledger with a movable clock, valid ID numbers on demand, 2025 standards,
// and a helper that takes a case through the whole workflow with the right people at each step.
import type { Api } from '../../../src/shared/api';
import type { InputOf, OutputOf } from '../../../src/shared/api/contract';
import { idCheckChar } from '../../../src/shared/idcard';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

export interface Clock {
  set(date: string): void;
  now(): Date;
}

/** A clock that reads as the given day, 10:00 China time. */
export function makeClock(start: string): Clock {
  let d = new Date(`${start}T02:00:00Z`);
  return {
    set: (date) => {
      d = new Date(`${date}T02:00:00Z`);
    },
    now: () => d,
  };
}

let seq = 0;
/** A valid 18-digit ID number (GB 11643) for a birth date and sex, unique within the test run. */
export function idFor(birth: string, sex: 'M' | 'F', region = '321202'): string {
  seq += 1;
  const s = (seq % 500) * 2 + (sex === 'M' ? 1 : 0);
  const first17 = `${region}${birth.replaceAll('-', '')}${String(s).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export interface Ctx {
  t: TestCore;
  clock: Clock;
  villageId: string;
  village2Id: string;
}

export async function setup(start = '2025-03-03'): Promise<Ctx> {
  const clock = makeClock(start);
  const t = await makeTestCore({ now: clock.now });
  const villages = await t.admin.call('villages.list', {});
  return { t, clock, villageId: villages[0]!.id, village2Id: villages[1]!.id };
}

/** 2025 rural/urban standards (numbers of a real county's order of magnitude). */
export async function putStandards(c: Ctx, effectiveMonth = '2025-01'): Promise<void> {
  const r = c.t.reviewer;
  for (const area of ['rural', 'urban'] as const) {
    const std = area === 'rural' ? 80_000 : 95_000;
    await r.call('standards.put', {
      category: 'dibao',
      area,
      effectiveMonth,
      standardFen: std,
      method: 'gap',
      supplements: { elderlyFen: 5_000, minorFen: 8_000, severeDisabilityFen: 10_000, seriousIllnessFen: 10_000 },
    });
    await r.call('standards.put', {
      category: 'tekun',
      area,
      effectiveMonth,
      basicFen: 104_000,
      careFen: { full: 75_200, partial: 47_000, none: 18_800 },
    });
    await r.call('standards.put', { category: 'canji_living', area, effectiveMonth, monthlyFen: 9_000 });
    await r.call('standards.put', {
      category: 'canji_care',
      area,
      effectiveMonth,
      grade1Fen: 12_000,
      grade2Fen: 9_000,
      otherFen: 6_000,
    });
    await r.call('standards.put', {
      category: 'guer',
      area,
      effectiveMonth,
      centralizedFen: 242_000,
      dispersedFen: 180_000,
    });
    await r.call('standards.put', { category: 'bianyuan', area, effectiveMonth, monthlyFen: 0 });
  }
}

type HouseholdInput = InputOf<Api['households.create']>;
type Member = HouseholdInput['members'][number];

export function member(
  name: string,
  birth: string,
  sex: 'M' | 'F',
  relation: Member['relation'],
  extra: Partial<Member> = {},
): Member {
  return { name, idNumber: idFor(birth, sex), relation, bankAccount: '6228480000000000001', ...extra };
}

export async function household(c: Ctx, members: Member[], annualIncomeFen = 1_200_000, villageId = c.villageId) {
  return c.t.clerk.call('households.create', {
    villageId,
    hukouType: 'rural',
    address: '城东街道幸福路1号',
    annualIncomeFen,
    bankName: '农业银行',
    bankAccount: '6228480000000000099',
    members,
  });
}

type CaseInput = InputOf<Api['cases.create']>;
type CaseOut = OutputOf<Api['cases.get']>;

/**
 * Takes a new case from application to 审核确认: applied on `appliedOn`, investigated two days later, 初审, a 7-day
 * 公示 (where the category has one), and approved by the reviewer on `decideOn`. The clock ends at `decideOn`.
 */
/** 入户调查 (passed) and 初审 (agreed) on `onDate`: the case then waits for 公示 (or, for 临时救助, a decision). */
export async function preliminaryDone(c: Ctx, k: { id: string; version: number }, onDate: string): Promise<CaseOut> {
  const { t } = c;
  const investigated = await t.clerk.call('cases.investigate', {
    id: k.id,
    version: k.version,
    onDate,
    investigators: ['张经办', '村委王主任'],
    checkResult: 'pass',
  });
  return t.clerk.call('cases.preliminary', {
    id: k.id,
    version: investigated.version,
    onDate,
    opinion: 'agree',
  });
}

export async function approvedCase(c: Ctx, input: CaseInput, decideOn: string): Promise<CaseOut> {
  const { t, clock } = c;
  clock.set(input.appliedOn);
  let k = await preliminaryDone(c, await t.clerk.call('cases.create', input), input.appliedOn);
  if (k.status === 'preliminary') {
    k = await t.clerk.call('cases.publicize', { id: k.id, version: k.version, startOn: input.appliedOn });
    const after = addDaysIso(input.appliedOn, 8);
    clock.set(after);
    k = await t.clerk.call('cases.endPublicity', { id: k.id, version: k.version, onDate: after });
  }
  clock.set(decideOn);
  return t.reviewer.call('cases.approve', { id: k.id, version: k.version, onDate: decideOn });
}

export function addDaysIso(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
