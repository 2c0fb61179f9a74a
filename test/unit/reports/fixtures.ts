// A small builder that writes villages, people, households, cases, covered members, dated amounts and payment rolls
// straight into a real ledger file, with explicit months — so the report figures can be checked against numbers
// worked out by hand, independently of the case services.
import type { Kysely } from 'kysely';
import type { DB } from '../../../src/main/ledger/db';
import type { CaseCategory, CaseStatus } from '../../../src/main/ledger/cases/tables';
import { newId } from '../../../src/main/ledger/ids';

const AT = '2026-01-01T00:00:00.000Z';

export interface PersonSpec {
  name: string;
  sex?: 'M' | 'F';
  birthDate?: string;
  idNumber?: string;
  disabilityGrade?: number;
  labour?: 'full' | 'partial' | 'none';
}

export interface CaseSpec {
  household: string;
  category: CaseCategory;
  area: 'urban' | 'rural';
  start?: string | null;
  stop?: string | null;
  status?: CaseStatus;
  person?: string;
  supportMode?: 'centralized' | 'dispersed';
  careGrade?: 'full' | 'partial' | 'none';
  caseNo?: string;
  stopReason?: string;
  /** Covered members; start defaults to the case's start month. */
  members?: { person: string; start?: string; stop?: string | null }[];
  /** Dated amounts in fen. */
  amounts?: {
    month: string;
    amount: number;
    base?: number;
    supplement?: number;
    kind?: 'initial' | 'increase' | 'decrease' | 'correction';
    reason?: string;
  }[];
  linshiType?: 'emergency' | 'expenditure';
  grantMonth?: string;
  grantFen?: number;
}

export class Fixture {
  private seq = 0;
  constructor(readonly db: Kysely<DB>) {}

  async village(name: string): Promise<string> {
    const id = newId();
    await this.db
      .insertInto('villages')
      .values({
        id,
        code: null,
        name,
        kind: 'village',
        sort_order: 1000 + ++this.seq,
        active: 1,
        merged_into_id: null,
        created_at: AT,
        updated_at: AT,
        version: 1,
      })
      .execute();
    return id;
  }

  async person(p: PersonSpec): Promise<string> {
    const id = newId();
    await this.db
      .insertInto('people')
      .values({
        id,
        id_number: p.idNumber ?? null,
        id_legacy: 0,
        name: p.name,
        name_initials: '',
        sex: p.sex ?? null,
        birth_date: p.birthDate ?? null,
        hukou_type: null,
        phone: null,
        disability_type: p.disabilityGrade ? '肢体' : null,
        disability_grade: p.disabilityGrade ?? null,
        disability_cert: null,
        labour_capacity: p.labour ?? null,
        health: null,
        self_care: null,
        bank_name: null,
        bank_account: null,
        card_account: null,
        deceased_on: null,
        remark: null,
        created_at: AT,
        updated_at: AT,
        version: 1,
      })
      .execute();
    return id;
  }

  async household(h: {
    village: string;
    area: 'urban' | 'rural';
    head: string;
    others?: string[];
    cause?: string;
  }): Promise<string> {
    const id = newId();
    await this.db
      .insertInto('households')
      .values({
        id,
        village_id: h.village,
        head_person_id: h.head,
        hukou_type: h.area,
        address: null,
        phone: null,
        annual_income_fen: 0,
        assets_note: null,
        poverty_cause: h.cause ?? null,
        bank_name: null,
        bank_account: null,
        status: 'active',
        created_at: AT,
        updated_at: AT,
        version: 1,
      })
      .execute();
    for (const [i, person] of [h.head, ...(h.others ?? [])].entries()) {
      await this.db
        .insertInto('household_members')
        .values({
          id: newId(),
          household_id: id,
          person_id: person,
          relation: i === 0 ? '户主' : '其他',
          joined_on: '2020-01-01',
          left_on: null,
          left_reason: null,
          created_at: AT,
          updated_at: AT,
          version: 1,
        })
        .execute();
    }
    return id;
  }

  async case(c: CaseSpec): Promise<string> {
    const id = newId();
    const n = ++this.seq;
    await this.db
      .insertInto('cases')
      .values({
        id,
        household_id: c.household,
        person_id: c.person ?? null,
        category: c.category,
        area: c.area,
        single_person: 0,
        special_case: 0,
        reserve_paid: 0,
        support_mode: c.supportMode ?? null,
        care_grade: c.careGrade ?? null,
        linshi_type: c.linshiType ?? null,
        grant_amount_fen: c.grantFen ?? null,
        grant_month: c.grantMonth ?? null,
        advance_aid: 0,
        paperwork_done_on: null,
        status: c.status ?? (c.stop ? 'stopped' : 'active'),
        case_no: c.caseNo ?? `CASE-${String(n).padStart(4, '0')}`,
        applied_on: '2025-11-01',
        accepted_on: '2025-11-01',
        decided_on: '2025-11-20',
        start_month: c.start === undefined ? (c.grantMonth ?? null) : c.start,
        stop_month: c.stop ?? null,
        stop_reason: c.stopReason ?? (c.stop ? '收入超过标准' : null),
        monthly_amount_fen: c.amounts?.at(-1)?.amount ?? null,
        kin_of_staff: 0,
        kin_note: null,
        recheck_cycle: null,
        next_recheck_on: null,
        taper_until_month: null,
        created_by: 'fixture',
        created_at: AT,
        updated_at: AT,
        version: 1,
      })
      .execute();
    for (const m of c.members ?? []) {
      await this.db
        .insertInto('case_members')
        .values({
          id: newId(),
          case_id: id,
          person_id: m.person,
          start_month: m.start ?? c.start ?? c.grantMonth ?? '2000-01',
          stop_month: m.stop === undefined ? (c.stop ?? null) : m.stop,
          created_at: AT,
        })
        .execute();
    }
    for (const [i, a] of (c.amounts ?? []).entries()) {
      await this.db
        .insertInto('case_amounts')
        .values({
          id: newId(),
          case_id: id,
          effective_month: a.month,
          amount_fen: a.amount,
          base_fen: a.base ?? a.amount - (a.supplement ?? 0),
          supplement_fen: a.supplement ?? 0,
          kind: a.kind ?? (i === 0 ? 'initial' : 'increase'),
          reason: a.reason ?? null,
          created_by: 'fixture',
          created_at: `2026-01-01T00:00:0${i}.000Z`,
        })
        .execute();
    }
    return id;
  }

  /** A payment roll for the month generated from the cases (latest amount <= month), as the roll service would. */
  async roll(month: string, status: 'draft' | 'confirmed' = 'confirmed'): Promise<string> {
    const rollId = newId();
    const lines = await this.db
      .selectFrom('cases as c')
      .innerJoin('households as h', 'h.id', 'c.household_id')
      .select(['c.id', 'c.household_id', 'c.person_id', 'h.village_id', 'c.category', 'c.area'])
      .where('c.status', 'in', ['active', 'stopped'])
      .where('c.category', '!=', 'linshi')
      .where('c.start_month', '<=', month)
      .where((eb) => eb.or([eb('c.stop_month', 'is', null), eb('c.stop_month', '>', month)]))
      .execute();
    let total = 0;
    const rows = [];
    for (const l of lines) {
      const a = await this.db
        .selectFrom('case_amounts')
        .selectAll()
        .where('case_id', '=', l.id)
        .where('effective_month', '<=', month)
        .orderBy('effective_month', 'desc')
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      total += a.amount_fen;
      rows.push({
        id: newId(),
        roll_id: rollId,
        case_id: l.id,
        household_id: l.household_id,
        person_id: l.person_id,
        village_id: l.village_id,
        category: l.category,
        area: l.area,
        persons: 1,
        amount_fen: a.amount_fen,
        base_fen: a.base_fen,
        supplement_fen: a.supplement_fen,
        payee_name: '收款人',
        bank_account: null,
      });
    }
    await this.db
      .insertInto('payment_rolls')
      .values({
        id: rollId,
        month,
        status,
        line_count: rows.length,
        total_fen: total,
        generated_at: AT,
        generated_by: 'fixture',
        confirmed_at: status === 'confirmed' ? AT : null,
        confirmed_by: status === 'confirmed' ? 'fixture' : null,
        version: 1,
        updated_at: AT,
      })
      .execute();
    if (rows.length) await this.db.insertInto('payment_roll_lines').values(rows).execute();
    return rollId;
  }
}
