// Generated households and their people: size, ages, relations, disabilities and deaths over the years. Plain data
// out; generate.ts writes it. Every person row obeys the people contract (valid ID number matching sex and birth
// date, pinyin initials, reversed number for tail search).
import type { HouseholdMembersTable, HouseholdsTable, PeopleTable } from '../../main/ledger/cases';
import { nameInitials } from '../../main/ledger/people';
import { givenName, surname, type IdNumbers } from './names';
import type { Rng } from './random';
import { dateIn, isoOf, msecsOf, yearOf } from './time';

export interface SeedVillage {
  id: string;
  name: string;
  kind: 'village' | 'community';
}

/** A person as the case planner needs them. */
export interface PlannedPerson {
  row: PeopleTable;
  relation: string;
  birthIdx: number;
  /** Month index of death, or null. */
  deathIdx: number | null;
  isHead: boolean;
}

export interface PlannedHousehold {
  row: HouseholdsTable;
  village: SeedVillage;
  people: PlannedPerson[];
  members: HouseholdMembersTable[];
  /** Month the household leaves the ledger (single member died); null when it stays. */
  closedIdx: number | null;
}

export interface SpanInfo {
  firstIdx: number;
  lastIdx: number;
  /** Date the ledger's first records were entered (start of the span). */
  startDate: string;
}

const initialsCache = new Map<string, string>();
function initialsOf(name: string): string {
  let v = initialsCache.get(name);
  if (v === undefined) {
    v = nameInitials(name);
    initialsCache.set(name, v);
  }
  return v;
}

const DISABILITY_TYPES = [
  ['视力', 2],
  ['听力', 2],
  ['言语', 1],
  ['肢体', 5],
  ['智力', 2],
  ['精神', 2],
  ['多重', 1],
] as const;
const DISABILITY_DIGIT: Record<string, string> = {
  视力: '1',
  听力: '2',
  言语: '3',
  肢体: '4',
  智力: '5',
  精神: '6',
  多重: '7',
};
const BANKS = ['农村商业银行', '中国邮政储蓄银行', '中国农业银行', '中国工商银行', '中国建设银行'] as const;
const CAUSES = [
  ['illness', 35],
  ['disability', 25],
  ['no_labour', 20],
  ['education', 6],
  ['disaster', 3],
  ['other', 11],
] as const;

export class HouseholdPlanner {
  private seq = 0;

  constructor(
    private readonly villages: readonly SeedVillage[],
    private readonly villageWeights: readonly (readonly [SeedVillage, number])[],
    private readonly ids: IdNumbers,
    private readonly span: SpanInfo,
  ) {}

  plan(rng: Rng): PlannedHousehold {
    this.seq++;
    const village = rng.weighted(this.villageWeights);
    const area = village.kind === 'community' ? 'urban' : 'rural';
    const size = rng.weighted([
      [1, 25],
      [2, 30],
      [3, 25],
      [4, 12],
      [5, 8],
    ] as const);
    const end = this.span.lastIdx;
    const at = isoOf(msecsOf(this.span.startDate, this.seq % 3600));
    const msecs = msecsOf(this.span.startDate, this.seq % 3600);

    // Ages at the end of the span; a single-person household is most often an older person on their own.
    const headAge = size === 1 ? (rng.chance(0.7) ? rng.int(60, 92) : rng.int(30, 59)) : rng.int(28, 85);
    const headSex: 'M' | 'F' = rng.chance(size === 1 ? 0.45 : 0.7) ? 'M' : 'F';
    const family = surname(rng);
    const specs: { relation: string; age: number; sex: 'M' | 'F'; surname: string }[] = [
      { relation: '户主', age: headAge, sex: headSex, surname: family },
    ];
    if (size >= 2) {
      if (headAge >= 70 && rng.chance(0.3)) {
        const childSex = rng.chance(0.5) ? 'M' : 'F';
        specs.push({
          relation: childSex === 'M' ? '子' : '女',
          age: rng.int(35, headAge - 22),
          sex: childSex,
          surname: family,
        });
      } else {
        const spouseAge = Math.max(20, headAge + rng.int(-5, 5));
        specs.push({ relation: '配偶', age: spouseAge, sex: headSex === 'M' ? 'F' : 'M', surname: surname(rng) });
      }
    }
    for (let k = specs.length; k < size; k++) {
      if (headAge < 60 && rng.chance(0.15) && headAge + 28 <= 100) {
        const sex = rng.chance(0.5) ? 'M' : 'F';
        specs.push({
          relation: '父母',
          age: Math.min(100, headAge + rng.int(22, 32)),
          sex,
          surname: sex === 'M' ? family : surname(rng),
        });
      } else if (headAge >= 58) {
        const sex = rng.chance(0.5) ? 'M' : 'F';
        specs.push({ relation: '孙子女', age: rng.int(1, 17), sex, surname: family });
      } else {
        const sex = rng.chance(0.5) ? 'M' : 'F';
        specs.push({
          relation: sex === 'M' ? '子' : '女',
          age: rng.int(0, Math.max(0, headAge - 21)),
          sex,
          surname: family,
        });
      }
    }

    const householdId = rng.id(msecs);
    const bankName = rng.pick(BANKS);
    // Synthetic 19-digit account numbers (prefix 6299 + the household's sequence): test data only.
    const account = `6299${String(this.seq).padStart(8, '0')}${rng.digits(7)}`;
    const people: PlannedPerson[] = [];
    for (const [k, s] of specs.entries()) {
      const birthIdx = end - s.age * 12 - rng.int(0, 11);
      const birthDate = dateIn(birthIdx, rng.int(1, 28));
      const idNumber = this.ids.make(rng, birthDate, s.sex);
      const name = s.surname + givenName(rng, s.sex);
      const disabled = rng.chance(0.12);
      const dType = disabled ? rng.weighted(DISABILITY_TYPES) : null;
      const dGrade = disabled
        ? rng.weighted([
            [1, 2],
            [2, 3],
            [3, 2.5],
            [4, 2.5],
          ] as const)
        : null;
      const ageAtEnd = s.age;
      const labour: PeopleTable['labour_capacity'] =
        ageAtEnd >= 60 || ageAtEnd < 16 || (dGrade !== null && dGrade <= 2)
          ? 'none'
          : dGrade !== null || rng.chance(0.25)
            ? 'partial'
            : 'full';
      people.push({
        row: {
          id: rng.id(msecs + k + 1),
          id_number: idNumber,
          id_legacy: 0,
          id_reversed: [...idNumber].reverse().join(''),
          name,
          name_initials: initialsOf(name),
          sex: s.sex,
          birth_date: birthDate,
          hukou_type: area,
          phone: null,
          disability_type: dType,
          disability_grade: dGrade,
          // 第二代残疾人证号: the ID number + category digit + grade digit.
          disability_cert: dType && dGrade ? `${idNumber}${DISABILITY_DIGIT[dType] ?? '7'}${dGrade}` : null,
          labour_capacity: labour,
          health: rng.weighted([
            ['healthy', 5],
            ['chronic', 4],
            ['serious', 1],
          ] as const),
          self_care: null,
          bank_name: k === 0 ? bankName : null,
          bank_account: k === 0 ? account : null,
          card_account: null,
          deceased_on: null,
          remark: null,
          created_at: at,
          updated_at: at,
          version: 1,
        },
        relation: s.relation,
        birthIdx,
        deathIdx: null,
        isHead: k === 0,
      });
    }

    // Deaths over the span: older people, more likely with age. A head of a larger household stays (the planner
    // does not move the head); a person living alone may die, which closes the household.
    for (const p of people) {
      if (p.isHead && people.length > 1) continue;
      for (let y = yearOf(this.span.firstIdx); y <= yearOf(end) && p.deathIdx === null; y++) {
        const age = y - yearOf(p.birthIdx);
        if (age < 65) continue;
        if (rng.chance(0.01 + (age - 65) * 0.004)) {
          const idx = Math.max(this.span.firstIdx, Math.min(end, y * 12 + rng.int(0, 11)));
          if (idx < end) p.deathIdx = idx;
        }
      }
      if (p.deathIdx !== null) {
        p.row.deceased_on = dateIn(p.deathIdx, rng.int(1, 28));
        p.row.updated_at = isoOf(msecsOf(p.row.deceased_on, 600));
        p.row.version = 2;
      }
    }
    const head = people[0];
    if (!head) throw new Error('household without a head');
    const closedIdx = people.length === 1 ? head.deathIdx : null;

    const row: HouseholdsTable = {
      id: householdId,
      village_id: village.id,
      head_person_id: head.row.id,
      hukou_type: area,
      address:
        village.kind === 'community'
          ? `${village.name}${rng.int(1, 40)}幢${rng.int(1, 4)}单元${rng.int(1, 6)}0${rng.int(1, 4)}室`
          : `${village.name}${rng.int(1, 16)}组${rng.int(1, 80)}号`,
      phone: null,
      annual_income_fen: rng.int(0, 3000) * 1000,
      assets_note: null,
      poverty_cause: rng.weighted(CAUSES),
      bank_name: bankName,
      bank_account: account,
      status: closedIdx === null ? 'active' : 'closed',
      created_at: at,
      updated_at: at,
      version: closedIdx === null ? 1 : 2,
    };
    const members: HouseholdMembersTable[] = people.map((p, k) => {
      const joined = p.birthIdx > this.span.firstIdx ? (p.row.birth_date ?? this.span.startDate) : this.span.startDate;
      return {
        id: rng.id(msecs + 100 + k),
        household_id: householdId,
        person_id: p.row.id,
        relation: p.relation,
        joined_on: joined,
        left_on: p.row.deceased_on,
        left_reason: p.row.deceased_on ? '死亡' : null,
        created_at: at,
        updated_at: p.row.deceased_on ? p.row.updated_at : at,
        version: p.row.deceased_on ? 2 : 1,
      };
    });
    if (closedIdx !== null) row.updated_at = head.row.updated_at;
    return { row, village, people, members, closedIdx };
  }
}

/** Village weights: communities and villages differ in size; a few are large. */
export function villageWeights(rng: Rng, villages: readonly SeedVillage[]): (readonly [SeedVillage, number])[] {
  return villages.map((v) => [v, 0.5 + rng.next() * 2 + (rng.chance(0.15) ? 2 : 0)] as const);
}
