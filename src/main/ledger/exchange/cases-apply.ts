// Writes a planned case import inside the caller's transaction: new people, households (with members) and cases
// (with covered members, the initial amount and an 'import' step), then the changes the clerk accepted. Every row
// written is journalled. An import that waits for a reviewer (a batch, exchange/batches.ts) marks its new cases with
// the batch and hands back its changes to existing cases instead of writing them. Bulk inserts go through prepared better-sqlite3 statements on the same connection (the
// dispatcher's transaction is open on it, so a failure anywhere — here or in the journal — rolls all of it back),
// ids come from a pooled UUIDv7 source and pinyin initials are read once per distinct name, which keeps a
// 10,000-row import to a few seconds (test/bench/import.ts).
import { pinyin } from 'pinyin-pro';
import { actorOf, bulkWrite, statementOf, updateVersioned, type ServiceContext, type Statement } from '../kernel';
import type { JournalEntryInput } from '../journal';
import { nowIso } from '../ids';
import { bulkIdSource } from './bulk-ids';
import { INDIVIDUAL_CATEGORIES, type MemberRow } from './cases-types';
import type { CasePlan, ChangeOp } from './cases-plan';
import { applyCaseOps, type CaseOpItem } from './case-ops';

/** Lower-case pinyin initials ("zs" for 张三), the way people/ stores them for search (surname read as surname). */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const reverse = (s: string): string => [...s].reverse().join('');

export interface ApplyOptions {
  fileName: string;
  /** Keys of the planned changes the clerk accepted, or 'all'. */
  accept: 'all' | ReadonlySet<string>;
  today: string;
  nowMonth: string;
  /** The batch the new cases wait in for a reviewer; null when the import counts at once. */
  batch: { id: string; no: number } | null;
}

export interface ApplyCounts {
  people: number;
  households: number;
  cases: number;
  /** Accepted changes written now, or (case changes) kept for the batch's reviewer. */
  changesApplied: number;
  changesSkipped: number;
}

type Row = Record<string, string | number | null>;

const JOURNAL_CHUNK = 1_000;

export async function applyCasePlan(
  ctx: ServiceContext,
  plan: CasePlan,
  options: ApplyOptions,
): Promise<ApplyCounts & { deferred: CaseOpItem[] }> {
  const raw = ctx.ledger.raw;
  const actor = actorOf(ctx);
  const at = nowIso(ctx.now());
  const reason = `导入《${options.fileName}》`;
  const journal: JournalEntryInput[] = [];
  const counts: ApplyCounts = { people: 0, households: 0, cases: 0, changesApplied: 0, changesSkipped: 0 };
  const nextId = bulkIdSource();

  // One statement per table, prepared on its first row and bound by position (each table's rows below always carry
  // the same columns in the same order).
  const statements = new Map<string, { stmt: Statement; cols: string[] }>();
  const insert = (table: string, row: Row): void => {
    let s = statements.get(table);
    if (!s) {
      const cols = Object.keys(row);
      s = {
        stmt: statementOf(raw, `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`),
        cols,
      };
      statements.set(table, s);
    }
    const values: unknown[] = [];
    for (const c of s.cols) values.push(row[c]);
    s.stmt.run(values);
  };
  // Names repeat across a ledger (and pinyin-pro's segmentation is the costly part): one reading per distinct name.
  const initialsOf = new Map<string, string>();
  const initials = (name: string): string => {
    let v = initialsOf.get(name);
    if (v === undefined) {
      v = nameInitials(name);
      initialsOf.set(name, v);
    }
    return v;
  };

  const personIdOf = new Map<string, string>();
  const immediate: {
    op: Extract<ChangeOp, { kind: 'person.name' | 'household.set' }>;
    version: number;
    what: string;
  }[] = [];
  const deferred: CaseOpItem[] = [];
  const householdOfBlock = new Map<number, string>();

  const createPerson = (m: MemberRow): string => {
    const id = nextId();
    const row = {
      id,
      id_number: m.idNumber,
      id_legacy: m.legacy ? 1 : 0,
      id_reversed: reverse(m.idNumber),
      name: m.name,
      name_initials: initials(m.name),
      sex: m.sex,
      birth_date: m.birthDate,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    insert('people', row);
    personIdOf.set(m.idNumber, id);
    counts.people++;
    journal.push({
      action: 'person.create',
      entity: 'people',
      entityId: id,
      after: { id_number: m.idNumber, id_legacy: row.id_legacy, name: m.name, sex: m.sex, birth_date: m.birthDate },
      reason,
    });
    return id;
  };
  const addMembership = (householdId: string, personId: string, m: MemberRow, joinedOn: string): void => {
    const id = nextId();
    insert('household_members', {
      id,
      household_id: householdId,
      person_id: personId,
      relation: m.relation,
      joined_on: joinedOn,
      left_on: null,
      left_reason: null,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    journal.push({
      action: 'household.member_join',
      entity: 'household_members',
      entityId: id,
      after: {
        household_id: householdId,
        person_id: personId,
        name: m.name,
        relation: m.relation,
        joined_on: joinedOn,
      },
      reason,
    });
  };
  const addCaseMember = (caseId: string, personId: string, startMonth: string, stopMonth: string | null): void => {
    insert('case_members', {
      id: nextId(),
      case_id: caseId,
      person_id: personId,
      start_month: startMonth,
      stop_month: stopMonth,
      created_at: at,
    });
  };

  // New rows only, with the derived-state triggers off and caught up once for the new rows (kernel/bulk.ts); the
  // changes to existing rows below go through the write kernel with the triggers on.
  await bulkWrite(
    raw,
    async () => {
      for (const [index, bp] of plan.blocks.entries()) {
        const b = bp.block;
        for (const [i, m] of b.members.entries()) {
          const p = bp.people[i];
          if (p) personIdOf.set(m.idNumber, p.id);
          else if (!personIdOf.has(m.idNumber)) createPerson(m);
        }
        const headId = personIdOf.get(b.members[b.head]?.idNumber ?? '') ?? null;
        const joinedOn = b.appliedOn ?? `${b.startMonth}-01`;
        let householdId: string;
        if (bp.household) householdId = bp.household.id;
        else if (bp.sharesBlock !== null) householdId = householdOfBlock.get(bp.sharesBlock) ?? '';
        else {
          householdId = nextId();
          insert('households', {
            id: householdId,
            village_id: b.villageId,
            head_person_id: headId,
            hukou_type: b.area,
            address: b.address,
            phone: b.phone,
            annual_income_fen: 0,
            status: 'active',
            created_at: at,
            updated_at: at,
            version: 1,
          });
          counts.households++;
          for (const m of b.members) addMembership(householdId, personIdOf.get(m.idNumber) ?? '', m, joinedOn);
          journal.push({
            action: 'household.create',
            entity: 'households',
            entityId: householdId,
            after: {
              village: b.villageName,
              head: b.members[b.head]?.name ?? null,
              hukou_type: b.area,
              address: b.address,
              phone: b.phone,
              members: b.members.map((m) => ({ name: m.name, relation: m.relation })),
            },
            reason,
          });
        }
        householdOfBlock.set(index, householdId);

        if (!bp.existingCase) {
          const caseId = nextId();
          const linshi = b.category === 'linshi';
          const individual = INDIVIDUAL_CATEGORIES.has(b.category) || b.singlePerson;
          const startMonth = linshi ? null : b.startMonth;
          insert('cases', {
            id: caseId,
            household_id: householdId,
            person_id: individual ? headId : null,
            category: b.category,
            area: b.area,
            single_person: b.singlePerson ? 1 : 0,
            support_mode: b.supportMode,
            care_grade: b.careGrade,
            grant_amount_fen: linshi ? b.amountFen : null,
            grant_month: linshi ? b.startMonth : null,
            status: b.status,
            case_no: b.caseNo,
            applied_on: b.appliedOn ?? `${b.startMonth}-01`,
            start_month: startMonth,
            stop_month: linshi ? null : b.stopMonth,
            stop_reason: linshi ? null : b.stopReason,
            monthly_amount_fen: linshi ? null : b.amountFen,
            created_by: actor.id,
            created_at: at,
            updated_at: at,
            version: 1,
            pending_batch_id: options.batch?.id ?? null,
          });
          counts.cases++;
          for (const m of b.members)
            addCaseMember(caseId, personIdOf.get(m.idNumber) ?? '', b.startMonth, linshi ? null : b.stopMonth);
          if (!linshi && b.amountFen !== null) {
            insert('case_amounts', {
              id: nextId(),
              case_id: caseId,
              effective_month: b.startMonth,
              amount_fen: b.amountFen,
              base_fen: b.baseFen,
              supplement_fen: b.supplementFen,
              kind: 'initial',
              reason,
              created_by: actor.id,
              created_at: at,
            });
          }
          insert('case_steps', {
            id: nextId(),
            case_id: caseId,
            step: 'import',
            on_date: options.today,
            actor_id: actor.id,
            actor_name: actor.name,
            detail: JSON.stringify({
              file: options.fileName,
              sheet: b.sheet,
              rows: b.rows,
              ...(options.batch ? { batch: options.batch.no, batchId: options.batch.id } : {}),
              ...(b.appliedOn ? {} : { note: '原台账无申请日期，申请日期以享受起始月份的第一天代替' }),
            }),
            created_at: at,
          });
          journal.push({
            action: 'case.import',
            entity: 'cases',
            entityId: caseId,
            after: {
              household_id: householdId,
              category: b.category,
              area: b.area,
              status: b.status,
              start_month: startMonth,
              stop_month: b.stopMonth,
              monthly_amount_fen: linshi ? null : b.amountFen,
              grant_amount_fen: linshi ? b.amountFen : null,
              support_mode: b.supportMode,
              case_no: b.caseNo,
              members: b.members.length,
              source: { sheet: b.sheet, rows: b.rows },
              ...(options.batch ? { pending_batch: options.batch.no } : {}),
            },
            reason,
          });
        }

        for (const { change, op } of bp.changes) {
          if (options.accept !== 'all' && !options.accept.has(change.key)) {
            counts.changesSkipped++;
            continue;
          }
          counts.changesApplied++;
          if (op.kind === 'household.addMember') {
            const pid = personIdOf.get(op.member.idNumber) ?? createPerson(op.member);
            addMembership(op.householdId, pid, op.member, op.joinedOn);
          } else if (op.kind === 'person.name') {
            immediate.push({ op, version: op.version, what: `${change.subject}的${change.field}` });
          } else if (op.kind === 'household.set') {
            immediate.push({ op, version: bp.household?.version ?? 0, what: `${change.subject}的户信息` });
          } else if (bp.existingCase) {
            deferred.push({ op, version: bp.existingCase.version, what: `${change.subject}的救助（${change.field}）` });
          }
        }
        // The journal takes the entries as the rows go in, in the same order, a chunk at a time: a 10,000-row import's
        // ~28,000 entries are not all held until the end.
        if (journal.length >= JOURNAL_CHUNK) await ctx.journal(...journal.splice(0));
      }

      if (journal.length > 0) await ctx.journal(...journal.splice(0));
    },
    { insertOnly: true, adds: addsOf(plan) },
  );
  // Changes to existing records, through the write kernel (stale-edit check, version, journal): a batch keeps the
  // changes to cases for its reviewer (exchange/batches.ts); the rest, and everything when the import counts at
  // once, are written now.
  const versions = new Map<string, number>();
  for (const { op, version, what } of immediate) {
    const expected = versions.get(op.kind === 'person.name' ? op.personId : op.householdId) ?? version;
    const saved =
      op.kind === 'person.name'
        ? await updateVersioned(
            ctx,
            'people',
            op.personId,
            expected,
            { name: op.after, name_initials: initials(op.after) },
            { action: 'person.update', what, reason },
          )
        : await updateVersioned(
            ctx,
            'households',
            op.householdId,
            expected,
            { [op.column]: op.after },
            { action: 'household.update', what, reason },
          );
    versions.set(saved.id, saved.version);
  }
  if (options.batch === null) {
    await applyCaseOps(ctx, deferred, {
      reason,
      nowMonth: options.nowMonth,
      personId: async (idNumber) => personIdOf.get(idNumber) ?? null,
    });
  }
  return { ...counts, deferred: options.batch === null ? [] : deferred };
}

/** About how many rows the plan adds to each table (bulkWrite rebuilds the indexes of a table it at least doubles). */
function addsOf(plan: CasePlan): Record<string, number> {
  const newCases = plan.blocks.filter((bp) => !bp.existingCase);
  const { newPeople, newHouseholds } = plan.counts;
  return {
    people: newPeople,
    households: newHouseholds,
    household_members: newPeople,
    cases: newCases.length,
    case_members: newCases.reduce((n, bp) => n + bp.block.members.length, 0),
    case_amounts: newCases.length,
    case_steps: newCases.length,
    journal: 2 * newPeople + newHouseholds + newCases.length,
  };
}
