// What an import would do to the ledger: which people, households and cases are new, which exist already (matched
// by ID number, so importing the same file twice duplicates nobody), and the field-by-field changes to existing
// records — which are applied only when the clerk accepts them. Reads only.
import type { Kysely } from 'kysely';
import { formatYuan } from '../../../shared/money';
import { labels } from '../../../shared/labels';
import type { DB } from '../db';
import { readKnown } from './cases-known';
import { adoptLedgerIdForms } from './legacy-ids';
import type { CasesTable, HouseholdsTable, PeopleTable } from '../cases';
import { INDIVIDUAL_CATEGORIES, type CaseBlock, type MemberRow } from './cases-types';
import { rowKey, type ImportProblem } from './problems';
import type { ImportChangeView } from '../../../shared/api/exchange';

/** A change to a record the ledger holds, as the preview lists it; `key` is stable across preview and import (derived
 * from the record and the field), so the clerk's choice carries over; `subject` names who it is about. */
export type PlannedChange = ImportChangeView;

export type ChangeOp =
  | { kind: 'person.name'; personId: string; version: number; before: string; after: string }
  | {
      kind: 'household.set';
      householdId: string;
      column: 'village_id' | 'address' | 'phone';
      before: string | null;
      after: string | null;
    }
  | { kind: 'household.addMember'; householdId: string; member: MemberRow; joinedOn: string }
  | {
      kind: 'case.set';
      caseId: string;
      column: 'area' | 'support_mode' | 'care_grade' | 'case_no' | 'start_month';
      before: string | null;
      after: string | null;
    }
  | { kind: 'case.amount'; caseId: string; before: number | null; after: number; base: number; supplement: number }
  | { kind: 'case.stop'; caseId: string; before: string | null; stopMonth: string; reason: string }
  | { kind: 'case.resume'; caseId: string; before: string | null }
  | { kind: 'case.addMember'; caseId: string; idNumber: string; startMonth: string };

export interface BlockPlan {
  block: CaseBlock;
  /** Existing person per member (by ID number), null for a new person. */
  people: (PeopleTable | null)[];
  /** The existing household, or the index of an earlier block whose (new) household this block shares. */
  household: HouseholdsTable | null;
  sharesBlock: number | null;
  existingCase: CasesTable | null;
  changes: { change: PlannedChange; op: ChangeOp }[];
}

export interface CasePlan {
  blocks: BlockPlan[];
  problems: ImportProblem[];
  rejectedRows: Set<string>;
  counts: { newPeople: number; newHouseholds: number; newCases: number; unchangedCases: number };
}

const yuan = (fen: number | null): string => (fen === null ? '（空）' : `${formatYuan(fen)} 元`);
const shown = (s: string | null): string => (s === null || s === '' ? '（空）' : s);

export async function planCases(db: Kysely<DB>, blocks: CaseBlock[], nowMonth: string): Promise<CasePlan> {
  const known = await readKnown(db, blocks);
  const problems: ImportProblem[] = [];
  adoptLedgerIdForms(blocks, known.personByIdNumber, problems);
  const rejectedRows = new Set<string>();
  const plans: BlockPlan[] = [];
  const counts = { newPeople: 0, newHouseholds: 0, newCases: 0, unchangedCases: 0 };
  const planOfBlock = new Map<number, BlockPlan>();
  // Rows that already have a problem of this plan (looked up per row of a rejected household: a Set, not a scan).
  const problemRows = new Set<string>();
  /** A problem on a row as a whole (no column): the row's household is not imported. */
  const rowProblem = (sheet: string, row: number, message: string): void => {
    problemRows.add(rowKey(sheet, row));
    problems.push({ sheet, row, column: null, value: null, message, severity: 'error' });
  };
  /** Every row of a block is rejected (its problems are added by the caller). */
  const rejectBlock = (block: CaseBlock): void => {
    for (const r of block.rows) {
      rejectedRows.add(rowKey(block.sheet, r));
      problemRows.add(rowKey(block.sheet, r));
    }
  };

  blocks.forEach((block, index) => {
    const countsBefore = { ...counts };
    const reject = (member: MemberRow, message: string): void => {
      problemRows.add(rowKey(block.sheet, member.row));
      problems.push({
        sheet: block.sheet,
        row: member.row,
        column: '身份证号码',
        value: member.idNumber,
        message,
        severity: 'error',
      });
    };
    const existing = block.members.map((m) => known.personByIdNumber.get(m.idNumber) ?? null);
    const shared = block.sameHouseholdAs === null ? undefined : planOfBlock.get(block.sameHouseholdAs);
    if (block.sameHouseholdAs !== null && !shared) {
      // The block it belongs with was rejected: so is this one.
      rejectBlock(block);
      for (const r of block.rows) rowProblem(block.sheet, r, '同户在本文件中的另一行有错误，本行未导入');
      return;
    }

    // The household: the one the members already belong to — at most one.
    const current = new Set<string>();
    for (const p of existing) {
      const m = p ? known.membershipOf.get(p.id) : undefined;
      if (m) current.add(m.household_id);
    }
    let household: HouseholdsTable | null = shared ? shared.household : null;
    let failed = false;
    if (current.size > 1 || (shared && current.size === 1 && !current.has(shared.household?.id ?? ''))) {
      for (const [i, p] of existing.entries()) {
        const m = p ? known.membershipOf.get(p.id) : undefined;
        const h = m ? known.householdById.get(m.household_id) : undefined;
        const head = h?.head_person_id ? known.personById.get(h.head_person_id)?.name : undefined;
        if (h && m?.household_id !== [...current][0]) {
          reject(
            block.members[i] as MemberRow,
            `已是另一户（${known.villageName.get(h.village_id) ?? ''}${head ? `，户主${head}` : ''}）的成员，一人同时只能属于一户：请先在台账中办理迁出`,
          );
        }
      }
      failed = true;
    } else if (current.size === 1 && !shared) {
      household = known.householdById.get([...current][0] as string) ?? null;
      // The same household only if the file's head belongs to it or its head is among the file's members;
      // otherwise the file describes another household that would take members away from this one.
      const h = household;
      const headPerson = existing[block.head];
      const sameHead =
        headPerson !== null &&
        headPerson !== undefined &&
        known.membershipOf.get(headPerson.id)?.household_id === h?.id;
      const holdsHead = existing.some((p) => p !== null && p.id === h?.head_person_id);
      if (h && !sameHead && !holdsHead) {
        const head = h.head_person_id ? known.personById.get(h.head_person_id)?.name : undefined;
        for (const [i, p] of existing.entries()) {
          if (p && known.membershipOf.get(p.id)?.household_id === h.id) {
            reject(
              block.members[i] as MemberRow,
              `已是另一户（${known.villageName.get(h.village_id) ?? ''}${head ? `，户主${head}` : ''}）的成员，一人同时只能属于一户：请先在台账中办理迁出`,
            );
          }
        }
        failed = true;
      }
    }
    if (failed) {
      for (const r of block.rows) {
        const key = rowKey(block.sheet, r);
        rejectedRows.add(key);
        if (!problemRows.has(key)) rowProblem(block.sheet, r, '同户有成员已属于台账中的另一户，本户整户未导入');
      }
      return;
    }

    const plan: BlockPlan = {
      block,
      people: existing,
      household,
      sharesBlock: shared ? (block.sameHouseholdAs ?? null) : null,
      existingCase: null,
      changes: [],
    };
    const headName = block.members[block.head]?.name ?? block.headName;
    const subject = `${headName}户（${block.villageName}）`;
    const add = (row: number, key: string, field: string, before: string, after: string, op: ChangeOp): void => {
      plan.changes.push({ change: { key, sheet: block.sheet, row, subject, field, before, after }, op });
    };

    for (const [i, p] of existing.entries()) {
      const m = block.members[i] as MemberRow;
      if (!p) counts.newPeople++;
      else if (p.name !== m.name) {
        add(m.row, `person:${p.id}:name`, `姓名（${m.idNumber.slice(0, 6)}…）`, p.name, m.name, {
          kind: 'person.name',
          personId: p.id,
          version: p.version,
          before: p.name,
          after: m.name,
        });
      }
    }
    if (household === null && !shared) counts.newHouseholds++;
    if (household) {
      const h = household;
      if (h.village_id !== block.villageId) {
        add(
          block.rows[0] ?? 0,
          `household:${h.id}:village`,
          '村(社区)',
          known.villageName.get(h.village_id) ?? '',
          block.villageName,
          {
            kind: 'household.set',
            householdId: h.id,
            column: 'village_id',
            before: h.village_id,
            after: block.villageId,
          },
        );
      }
      for (const col of ['address', 'phone'] as const) {
        const v = block[col];
        if (v !== null && v !== h[col]) {
          add(
            block.rows[0] ?? 0,
            `household:${h.id}:${col}`,
            col === 'address' ? '家庭住址' : '联系电话',
            shown(h[col]),
            v,
            {
              kind: 'household.set',
              householdId: h.id,
              column: col,
              before: h[col],
              after: v,
            },
          );
        }
      }
      for (const [i, p] of existing.entries()) {
        const m = block.members[i] as MemberRow;
        if (p && known.membershipOf.get(p.id)?.household_id === h.id) continue;
        add(m.row, `household:${h.id}:member:${m.idNumber}`, '家庭成员', '（无）', `增加 ${m.name}（${m.relation}）`, {
          kind: 'household.addMember',
          householdId: h.id,
          member: m,
          joinedOn: block.appliedOn ?? `${block.startMonth}-01`,
        });
      }
    }

    // The case: same household, same category (and same person for individual categories).
    const headPersonId = existing[block.head]?.id ?? null;
    const candidates = (household ? (known.casesByHousehold.get(household.id) ?? []) : []).filter(
      (c) =>
        c.category === block.category && (!INDIVIDUAL_CATEGORIES.has(block.category) || c.person_id === headPersonId),
    );
    candidates.sort(
      (a, b) =>
        (a.status === 'active' ? -1 : 0) - (b.status === 'active' ? -1 : 0) ||
        (b.start_month ?? '').localeCompare(a.start_month ?? ''),
    );
    const c = candidates[0] ?? null;
    plan.existingCase = c;
    if (!c) counts.newCases++;
    else {
      const before = plan.changes.length;
      const row = block.rows[0] ?? 0;
      const set = (
        column: 'area' | 'support_mode' | 'care_grade' | 'case_no' | 'start_month',
        field: string,
        from: string | null,
        to: string | null,
        show: (v: string | null) => string,
      ): void => {
        if ((from ?? null) === (to ?? null) || to === null) return;
        add(row, `case:${c.id}:${column}`, field, show(from), show(to), {
          kind: 'case.set',
          caseId: c.id,
          column,
          before: from,
          after: to,
        });
      };
      set('area', '城乡', c.area, block.area, (v) => (v === 'urban' ? '城市' : v === 'rural' ? '农村' : shown(v)));
      set('support_mode', '供养方式', c.support_mode, block.supportMode, (v) =>
        v ? labels.supportMode[v as 'centralized'] : '（空）',
      );
      set('care_grade', '照料护理等级', c.care_grade, block.careGrade, (v) =>
        v ? labels.careGrade[v as 'full'] : '（空）',
      );
      set('case_no', '证号', c.case_no, block.caseNo, shown);
      if (block.category !== 'linshi') set('start_month', '享受起始月份', c.start_month, block.startMonth, shown);
      if (block.category !== 'linshi' && block.amountFen !== null && c.monthly_amount_fen !== block.amountFen) {
        add(
          row,
          `case:${c.id}:amount`,
          `月保障金（自 ${nowMonth} 起）`,
          yuan(c.monthly_amount_fen),
          yuan(block.amountFen),
          {
            kind: 'case.amount',
            caseId: c.id,
            before: c.monthly_amount_fen,
            after: block.amountFen,
            base: block.baseFen,
            supplement: block.supplementFen,
          },
        );
      }
      if (
        block.status === 'stopped' &&
        (c.status !== 'stopped' || c.stop_month !== block.stopMonth) &&
        block.stopMonth
      ) {
        add(row, `case:${c.id}:stop`, '停保月份', shown(c.stop_month), block.stopMonth, {
          kind: 'case.stop',
          caseId: c.id,
          before: c.stop_month,
          stopMonth: block.stopMonth,
          reason: block.stopReason ?? '导入时已停保',
        });
      }
      if (block.status === 'active' && c.status === 'stopped') {
        add(row, `case:${c.id}:resume`, '状态', `停保（${shown(c.stop_month)}）`, '在保', {
          kind: 'case.resume',
          caseId: c.id,
          before: c.stop_month,
        });
      }
      const covered = known.coveredBy.get(c.id) ?? new Set<string>();
      for (const [i, p] of existing.entries()) {
        const m = block.members[i] as MemberRow;
        if (p && covered.has(p.id)) continue;
        add(m.row, `case:${c.id}:member:${m.idNumber}`, '保障成员', '（无）', `增加 ${m.name}`, {
          kind: 'case.addMember',
          caseId: c.id,
          idNumber: m.idNumber,
          startMonth: nowMonth > block.startMonth ? nowMonth : block.startMonth,
        });
      }
      if (plan.changes.length === before && existing.every((p) => p !== null)) counts.unchangedCases++;
      const batch = known.waiting.get(c.id);
      if (batch !== undefined && plan.changes.slice(before).length > 0) {
        // One batch at a time per case: the reviewer decides the waiting one first.
        Object.assign(counts, countsBefore);
        rejectBlock(block);
        rowProblem(
          block.sheet,
          row,
          `本户的救助在待确认的导入批次 ${batch} 中，须等审核人确认或驳回该批次后，才能再导入修改，本户整户未导入`,
        );
        return;
      }
    }
    plans.push(plan);
    planOfBlock.set(index, plan);
  });
  return { blocks: plans, problems, rejectedRows, counts };
}
