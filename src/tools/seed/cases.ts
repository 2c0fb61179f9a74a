// Generated case histories for one household: cases of every category starting, changing (case_amounts) and
// stopping over the years, who each case covers (case_members), the workflow steps, 生活自理能力 assessments and
// 临时救助 grants. Plain data out; the rules the rows follow are the table contract in cases/tables.ts. The rows
// every case writes alike are in case-rows.ts; grants and applications not approved in case-applications.ts.
import type { CasesTable, CaseCategory } from '../../main/ledger/cases';
import { grantCase, unapprovedCase } from './case-applications';
import {
  addDays,
  addSteps,
  amountRows,
  CASE_BLANKS,
  yuanRound,
  type CaseRows,
  type CaseSeed,
  type Episode,
  type SeedActors,
  type SeedStep,
} from './case-rows';
import type { PlannedHousehold, PlannedPerson, SpanInfo } from './households';
import type { Rng } from './random';
import { dateIn, isoOf, monthStr, msecsOf, standardsOf, yearOf } from './time';

export type { CaseRows, SeedActors } from './case-rows';

const CASE_NO_PREFIX: Record<CaseCategory, string> = {
  dibao: 'DB',
  tekun: 'TK',
  bianyuan: 'BY',
  linshi: 'LS',
  gangxing: 'GX',
  canji_living: 'CS',
  canji_care: 'CH',
  guer: 'GE',
  wurenfuyang: 'WR',
};

export class CasePlanner implements CaseSeed {
  private readonly caseNos = new Map<string, number>();

  constructor(
    readonly span: SpanInfo,
    readonly actors: SeedActors,
  ) {}

  plan(rng: Rng, h: PlannedHousehold): CaseRows {
    const out: CaseRows = { cases: [], members: [], amounts: [], steps: [], assessments: [] };
    const head = h.people[0];
    if (!head) return out;
    const { firstIdx, lastIdx } = this.span;
    const headAgeAtEnd = yearOf(lastIdx) - yearOf(head.birthIdx);
    const single = h.people.length === 1;
    const primary: CaseCategory =
      single && headAgeAtEnd >= 62 && rng.chance(0.6)
        ? 'tekun'
        : rng.weighted([
            ['dibao', 75],
            ['bianyuan', 17],
            ['gangxing', 8],
          ] as const);

    const episodes = this.episodes(rng, h, primary);
    const tekunPerson = primary === 'tekun' ? head : null;
    for (const ep of episodes) {
      if (primary === 'tekun') this.individualCase(rng, h, head, 'tekun', ep, out);
      else this.householdCase(rng, h, primary, ep, out);
    }

    // 两项补贴: 生活补贴 for disabled members of a 低保 household while it is paid; 护理补贴 for grades 1–2.
    // 特困 persons get neither (Jiangxi rule, docs/DOMAIN.md §1.5).
    for (const p of h.people) {
      if (p === tekunPerson || p.row.disability_grade === null) continue;
      if (primary === 'dibao') {
        for (const ep of episodes) {
          const e = this.clipToLife(p, ep);
          if (e) this.individualCase(rng, h, p, 'canji_living', e, out);
        }
      }
      if (p.row.disability_grade <= 2) {
        const start = rng.chance(0.7) ? firstIdx - rng.int(0, 36) : rng.int(firstIdx, lastIdx);
        const e = this.clipToLife(p, { start, stop: null, stopReason: null, taperFrom: null });
        if (e) this.individualCase(rng, h, p, 'canji_care', e, out);
      }
    }

    // 孤儿 / 事实无人抚养儿童: a grandchild living with a grandparent, paid until the month after turning 18.
    for (const p of h.people) {
      if (p.relation !== '孙子女' || !rng.chance(0.2)) continue;
      const category: CaseCategory = rng.chance(0.4) ? 'guer' : 'wurenfuyang';
      const adult = p.birthIdx + 18 * 12 + 1;
      const start = Math.max(p.birthIdx + 1, rng.chance(0.6) ? firstIdx - rng.int(0, 24) : rng.int(firstIdx, lastIdx));
      if (start >= adult || start > lastIdx) continue;
      const stop = adult <= lastIdx ? adult : null;
      this.individualCase(
        rng,
        h,
        p,
        category,
        { start, stop, stopReason: stop ? '年满18周岁' : null, taperFrom: null },
        out,
      );
    }

    // 临时救助 grants: a few households a year.
    for (let y = yearOf(firstIdx); y <= yearOf(lastIdx); y++) {
      if (!rng.chance(0.04)) continue;
      const m = Math.max(firstIdx, Math.min(lastIdx, y * 12 + rng.int(0, 11)));
      if (h.closedIdx !== null && m >= h.closedIdx) continue;
      grantCase(this, rng, h, m, out);
    }

    // Applications that were not approved, and a few still in progress at the end of the span.
    if (rng.chance(0.03))
      unapprovedCase(this, rng, h, rng.int(firstIdx, lastIdx - 2), rng.chance(0.7) ? 'rejected' : 'withdrawn', out);
    const activeAtEnd = episodes.some((e) => e.stop === null);
    if (!activeAtEnd && h.closedIdx === null && rng.chance(0.08)) unapprovedCase(this, rng, h, lastIdx, 'pending', out);
    return out;
  }

  /** Paid periods of the household's main case: some running since before the ledger, gaps between. */
  private episodes(rng: Rng, h: PlannedHousehold, category: CaseCategory): Episode[] {
    const { firstIdx, lastIdx } = this.span;
    const out: Episode[] = [];
    let start = rng.chance(0.75) ? firstIdx - rng.int(0, 60) : firstIdx + rng.duration(30);
    while (start <= lastIdx) {
      const len = category === 'gangxing' ? 12 : rng.duration(category === 'tekun' ? 120 : 66);
      let stop: number | null = start + len;
      let reason: string | null =
        category === 'gangxing'
          ? '有效期满'
          : rng.pick(['家庭收入超过保障标准', '就业增收', '迁出本辖区', '自愿申请退出']);
      if (h.closedIdx !== null && h.closedIdx < stop) {
        stop = h.closedIdx + 1;
        reason = '死亡';
      }
      if (stop > lastIdx) {
        stop = null;
        reason = null;
      }
      // 渐退 (≤ 6 months) when employment lifted the income above the standard.
      const taperFrom = stop !== null && reason === '就业增收' && stop - start > 8 ? stop - rng.int(2, 6) : null;
      out.push({ start, stop, stopReason: reason, taperFrom });
      if (stop === null || reason === '死亡' || reason === '迁出本辖区') break;
      start = stop + (category === 'gangxing' && rng.chance(0.6) ? 1 : rng.duration(18));
    }
    return out;
  }

  private clipToLife(p: PlannedPerson, ep: Episode): Episode | null {
    const start = Math.max(ep.start, p.birthIdx + 1);
    let stop = ep.stop;
    let reason = ep.stopReason;
    if (p.deathIdx !== null && (stop === null || p.deathIdx + 1 < stop)) {
      stop = p.deathIdx + 1;
      reason = '死亡';
    }
    if (stop !== null && stop <= start) return null;
    if (start > this.span.lastIdx) return null;
    return {
      start,
      stop,
      stopReason: reason,
      taperFrom: ep.taperFrom !== null && stop === ep.stop ? ep.taperFrom : null,
    };
  }

  caseNo(category: CaseCategory, year: number): string {
    const key = `${category}${year}`;
    const n = (this.caseNos.get(key) ?? 0) + 1;
    this.caseNos.set(key, n);
    return `${CASE_NO_PREFIX[category]}${year}${String(n).padStart(5, '0')}`;
  }

  /** The case row and workflow steps of an approved case paid from `ep.start`. */
  private baseCase(
    rng: Rng,
    h: PlannedHousehold,
    category: CaseCategory,
    ep: Episode,
    personId: string | null,
    out: CaseRows,
  ): CasesTable {
    const { firstIdx, lastIdx } = this.span;
    // 两项补贴 are paid from the month of application; the others from the month after the decision.
    const fromApplication = category === 'canji_living' || category === 'canji_care';
    const applied = fromApplication ? dateIn(ep.start, rng.int(1, 12)) : dateIn(ep.start - 1, rng.int(1, 6));
    const accepted = addDays(applied, rng.int(0, 2));
    const decided = fromApplication ? addDays(applied, rng.int(8, 16)) : dateIn(ep.start - 1, rng.int(20, 28));
    const enteredOn = ep.start - 1 < firstIdx ? this.span.startDate : accepted;
    const msecs = msecsOf(enteredOn, rng.int(0, 28_800));
    const stopDate = ep.stop !== null ? dateIn(ep.stop - 1, rng.int(10, 25)) : null;
    const updatedMs = stopDate && stopDate > enteredOn ? msecsOf(stopDate, 3600) : msecs;
    const recheck: CasesTable['recheck_cycle'] =
      category === 'dibao' || category === 'tekun' ? (rng.chance(0.6) ? 'yearly' : 'half_yearly') : null;
    const row: CasesTable = {
      ...CASE_BLANKS,
      id: rng.id(msecs),
      household_id: h.row.id,
      person_id: personId,
      category,
      area: h.row.hukou_type,
      status: ep.stop === null ? 'active' : 'stopped',
      case_no: this.caseNo(category, Number(decided.slice(0, 4))),
      applied_on: applied,
      accepted_on: accepted,
      decided_on: decided,
      start_month: monthStr(ep.start),
      stop_month: ep.stop !== null ? monthStr(ep.stop) : null,
      stop_reason: ep.stopReason,
      kin_of_staff: rng.chance(0.005) ? 1 : 0,
      recheck_cycle: recheck,
      next_recheck_on:
        recheck && ep.stop === null
          ? dateIn(lastIdx + rng.int(1, recheck === 'yearly' ? 12 : 6), rng.int(1, 28))
          : null,
      taper_until_month: ep.taperFrom !== null && ep.stop !== null ? monthStr(ep.stop - 1) : null,
      reserve_paid: 0,
      due_task: null,
      due_on: null,
      overall_due_on: null,
      created_by: this.actors.clerk.id,
      created_at: isoOf(msecs),
      updated_at: isoOf(updatedMs),
      version: ep.stop !== null ? 2 : 1,
    };
    if (row.kin_of_staff) row.kin_note = '申请人为村(居)委成员近亲属，已单独登记备案';
    const c = this.actors.clerk;
    const r = this.actors.reviewer;
    const steps: SeedStep[] = [
      ['apply', applied, c],
      ['accept', accepted, c],
      ['investigate', addDays(accepted, rng.int(1, 3)), c],
    ];
    if (!fromApplication) {
      steps.push(['preliminary', addDays(accepted, rng.int(5, 8)), c]);
      if (category !== 'wurenfuyang') steps.push(['publicize', addDays(accepted, rng.int(9, 11)), c]);
    }
    steps.push(['approve', decided, r]);
    if (stopDate) steps.push(['stop', stopDate, c]);
    addSteps(rng, out, row.id, msecs, steps, (step) =>
      step === 'stop' ? JSON.stringify({ reason: ep.stopReason }) : null,
    );
    out.cases.push(row);
    return row;
  }

  private householdCase(rng: Rng, h: PlannedHousehold, category: CaseCategory, ep: Episode, out: CaseRows): void {
    const row = this.baseCase(rng, h, category, ep, null, out);
    const covered = h.people
      .map((p) => this.clipToLife(p, ep))
      .map((e, k) => ({ e, p: h.people[k] }))
      .filter((x): x is { e: Episode; p: PlannedPerson } => x.e !== null && x.p !== undefined);
    for (const [k, { e, p }] of covered.entries()) {
      out.members.push({
        id: rng.id(Date.parse(row.created_at) + 50 + k),
        case_id: row.id,
        person_id: p.row.id,
        start_month: monthStr(e.start),
        stop_month: e.stop !== null ? monthStr(e.stop) : null,
        created_at: row.created_at,
      });
    }
    let gap = 0.3 + rng.next() * 0.6;
    amountRows(this, rng, row, ep, out, (m, year) => {
      const s = standardsOf(year);
      const live = covered.filter(({ e }) => e.start <= m && (e.stop === null || m < e.stop));
      if (category !== 'dibao') return { base: live.length * s.edgePerPerson, supp: 0 };
      // 分类施保 for the elderly, minors and the severely disabled: 10 % of the standard each.
      const special = live.filter(({ p }) => {
        const age = year - yearOf(p.birthIdx);
        return age >= 60 || age < 18 || (p.row.disability_grade ?? 9) <= 2;
      }).length;
      if (m % 12 === 6 && rng.chance(0.08)) gap = Math.min(1, Math.max(0.2, gap + (rng.chance(0.5) ? 0.1 : -0.1)));
      return {
        base: yuanRound(live.length * s.dibao * gap),
        supp: special * yuanRound(s.dibao * 0.1),
      };
    });
  }

  private individualCase(
    rng: Rng,
    h: PlannedHousehold,
    p: PlannedPerson,
    category: CaseCategory,
    ep: Episode,
    out: CaseRows,
  ): void {
    const row = this.baseCase(rng, h, category, ep, p.row.id, out);
    if (category === 'tekun') {
      row.support_mode = rng.chance(0.2) ? 'centralized' : 'dispersed';
      const grade = rng.weighted([
        ['able', 5],
        ['partial', 3],
        ['unable', 2],
      ] as const);
      row.care_grade = grade === 'able' ? 'none' : grade === 'partial' ? 'partial' : 'full';
      p.row.self_care = grade;
      const not = grade === 'able' ? 0 : grade === 'partial' ? rng.int(1, 3) : rng.int(4, 6);
      const items = [1, 1, 1, 1, 1, 1].map((v, k) => (k < not ? 0 : v));
      const on = addDays(row.accepted_on ?? row.applied_on, 3);
      out.assessments.push({
        id: rng.id(Date.parse(row.created_at) + 40),
        person_id: p.row.id,
        assessed_on: on,
        assessor: this.actors.clerk.name,
        eat: items[5] ?? 1,
        dress: items[4] ?? 1,
        bed: items[3] ?? 1,
        toilet: items[2] ?? 1,
        walk: items[1] ?? 1,
        bathe: items[0] ?? 1,
        grade,
        created_at: row.created_at,
      });
    }
    if (category === 'guer') row.support_mode = rng.chance(0.15) ? 'centralized' : 'dispersed';
    if (category === 'wurenfuyang') row.support_mode = 'dispersed';
    out.members.push({
      id: rng.id(Date.parse(row.created_at) + 50),
      case_id: row.id,
      person_id: p.row.id,
      start_month: row.start_month ?? monthStr(ep.start),
      stop_month: row.stop_month,
      created_at: row.created_at,
    });
    const grade = p.row.disability_grade ?? 4;
    amountRows(this, rng, row, ep, out, (_m, year) => {
      const s = standardsOf(year);
      switch (category) {
        case 'tekun':
          return { base: s.tekunBasic, supp: s.care[row.care_grade ?? 'none'] };
        case 'canji_living':
          return { base: s.canjiLiving, supp: 0 };
        case 'canji_care':
          return { base: grade === 1 ? s.canjiCare.g1 : grade === 2 ? s.canjiCare.g2 : s.canjiCare.other, supp: 0 };
        default:
          return { base: row.support_mode === 'centralized' ? s.guer.centralized : s.guer.dispersed, supp: 0 };
      }
    });
  }
}
