// Exclusions between 保障类别 and the eligibility facts the ledger can check itself. Each rule names its source
// (docs/DOMAIN.md §1) so the message tells the clerk which rule refused the case.
import type { Category, ExclusionRuleView } from '../../../shared/api/cases';
import { rule } from '../../../shared/errors';
import { ageOn } from '../../../shared/idcard';
import { label } from '../../../shared/labels';
import { rowsOf, type ServiceContext } from '../kernel';
import type { CaseStatus, PeopleTable } from './tables';
import { WORKFLOW_STATUSES } from '../people';

/** A case seen by the rules: 低保 splits into the household case and 单人保. */
type Token = Exclude<Category, 'dibao'> | 'dibao_household' | 'dibao_single';
const DIBAO: Token[] = ['dibao_household', 'dibao_single'];

interface ExclusionRule {
  code: string;
  text: string;
  scope: 'person' | 'household';
  a: Token[];
  b: Token[];
}

export const EXCLUSION_RULES: ExclusionRule[] = [
  {
    code: 'tekun_dibao',
    text: '特困人员不再纳入最低生活保障，同一人不能同时享受特困供养和低保（民发〔2021〕43号、民发〔2021〕57号）',
    scope: 'person',
    a: ['tekun'],
    b: DIBAO,
  },
  {
    code: 'tekun_canji',
    text: '特困供养人员不享受困难残疾人生活补贴和重度残疾人护理补贴（国发〔2015〕52号）',
    scope: 'person',
    a: ['tekun'],
    b: ['canji_living', 'canji_care'],
  },
  {
    code: 'minor_tekun_child',
    text: '未成年人同时符合特困人员和孤儿、事实无人抚养儿童保障条件的，只能选择其一（民发〔2021〕43号第九条）',
    scope: 'person',
    a: ['tekun'],
    b: ['guer', 'wurenfuyang'],
  },
  {
    code: 'guer_wurenfuyang',
    text: '孤儿基本生活费与事实无人抚养儿童基本生活补贴不能同时享受（民发〔2019〕62号）',
    scope: 'person',
    a: ['guer'],
    b: ['wurenfuyang'],
  },
  {
    code: 'child_canji_living',
    text: '享受孤儿基本生活费或事实无人抚养儿童基本生活补贴的，不再享受困难残疾人生活补贴（可享受护理补贴）（民发〔2019〕62号；各省两项补贴实施办法）',
    scope: 'person',
    a: ['guer', 'wurenfuyang'],
    b: ['canji_living'],
  },
  {
    code: 'dibao_bianyuan',
    text: '同一家庭不能同时是低保家庭和低保边缘家庭（民发〔2021〕57号第八条；边缘家庭成员可单人保）',
    scope: 'household',
    a: ['dibao_household'],
    b: ['bianyuan'],
  },
  {
    code: 'gangxing_others',
    text: '刚性支出困难家庭是低保、特困、低保边缘家庭以外的家庭（《刚性支出困难家庭认定办法》）',
    scope: 'household',
    a: ['gangxing'],
    b: ['dibao_household', 'dibao_single', 'tekun', 'bianyuan'],
  },
];

export function exclusionRulesView(): ExclusionRuleView[] {
  return [
    ...EXCLUSION_RULES.map((r) => ({ code: r.code, text: r.text })),
    { code: 'duplicate', text: '同一人（个人类别）或同一户（家庭类别）同一保障类别同时只能有一件在办或在保的案件' },
  ];
}

const tokenOf = (category: Category, single: number | boolean): Token =>
  category === 'dibao' ? (single ? 'dibao_single' : 'dibao_household') : category;

const HOUSEHOLD_TOKENS: ReadonlySet<Token> = new Set(['dibao_household', 'bianyuan', 'gangxing']);

interface OpenCase {
  id: string;
  category: Category;
  single_person: number;
  status: CaseStatus;
  person_id: string | null;
  name: string | null;
}

export interface ExclusionCheck {
  category: Category;
  singlePerson: boolean;
  householdId: string;
  personIds: string[];
  /** The case being approved (left out of the comparison). */
  selfId?: string;
  month: string;
}

const caseText = (c: OpenCase) =>
  `${label('caseCategory', c.category)}${c.category === 'dibao' && c.single_person ? '（单人保）' : ''}（${label('caseStatus', c.status)}）`;

/** Throws a RULE error naming the rule when the new case conflicts with an open case. */
export function assertNoExclusion(ctx: ServiceContext, check: ExclusionCheck): void {
  if (check.category === 'linshi') return; // 临时救助 may be given on top of any other assistance
  const mine = tokenOf(check.category, check.singlePerson);
  const raw = ctx.ledger.raw;
  const open = `(c.status IN ${WORKFLOW_STATUSES} OR (c.status IN ('active','stopped') AND (c.stop_month IS NULL OR c.stop_month > @month)))`;
  const byPerson = rowsOf<OpenCase>(
    raw,
    `SELECT c.id, c.category, c.single_person, c.status, cm.person_id, p.name FROM case_members cm
       JOIN cases c ON c.id = cm.case_id JOIN people p ON p.id = cm.person_id
       WHERE cm.person_id IN (SELECT value FROM json_each(@ids)) AND (cm.stop_month IS NULL OR cm.stop_month > @month)
         AND c.category <> 'linshi' AND c.id <> @self AND ${open}`,
    { ids: JSON.stringify(check.personIds), month: check.month, self: check.selfId ?? '' },
  );
  const byHousehold = rowsOf<OpenCase>(
    raw,
    `SELECT c.id, c.category, c.single_person, c.status, c.person_id, p.name FROM cases c
       LEFT JOIN people p ON p.id = c.person_id
       WHERE c.household_id = @hh AND c.category <> 'linshi' AND c.id <> @self AND ${open}`,
    { hh: check.householdId, month: check.month, self: check.selfId ?? '' },
  );

  for (const other of byPerson) {
    const theirs = tokenOf(other.category, other.single_person);
    if (other.category === check.category || (DIBAO.includes(mine) && DIBAO.includes(theirs))) {
      throw rule(`“${other.name ?? ''}”已有${caseText(other)}，同一人同一保障类别同时只能有一件在办或在保的案件`);
    }
    for (const r of EXCLUSION_RULES) {
      if (r.scope !== 'person') continue;
      if ((r.a.includes(mine) && r.b.includes(theirs)) || (r.b.includes(mine) && r.a.includes(theirs))) {
        throw rule(`不能同时享受：${r.text}。“${other.name ?? ''}”已有${caseText(other)}`);
      }
    }
  }
  for (const other of byHousehold) {
    const theirs = tokenOf(other.category, other.single_person);
    if (HOUSEHOLD_TOKENS.has(mine) && theirs === mine) {
      throw rule(`该户已有${caseText(other)}，同一户同一保障类别同时只能有一件在办或在保的案件`);
    }
    for (const r of EXCLUSION_RULES) {
      if (r.scope !== 'household') continue;
      if ((r.a.includes(mine) && r.b.includes(theirs)) || (r.b.includes(mine) && r.a.includes(theirs))) {
        throw rule(`不能同时享受：${r.text}。该户已有${caseText(other)}`);
      }
    }
  }
}

/** Facts about the person that the national rules fix (the rest is the investigation's job). */
export function assertEligible(
  category: Category,
  singlePerson: boolean,
  person: PeopleTable | undefined,
  today: string,
  canjiCareMentalExtension: boolean,
): void {
  const who = person ? `“${person.name}”` : '';
  const age = person?.birth_date ? ageOn(person.birth_date, today) : null;
  const grade = person?.disability_grade ?? null;
  const mental = person?.disability_type === '智力' || person?.disability_type === '精神';
  switch (category) {
    case 'tekun': {
      // 民发〔2021〕43号 Art 5 (minor age raised to 18 by 改革意见) or 认定完全丧失劳动能力.
      const ok =
        (age !== null && (age >= 60 || age < 18)) ||
        (grade !== null &&
          ((mental && grade <= 3) ||
            (person?.disability_type === '肢体' && grade <= 2) ||
            (person?.disability_type === '视力' && grade === 1))) ||
        person?.labour_capacity === 'none';
      if (!ok) {
        throw rule(
          `${who}不符合特困人员“无劳动能力”条件（民发〔2021〕43号第五条）：须年满60周岁或未满18周岁，或一至三级智力、精神残疾，一、二级肢体残疾，一级视力残疾，或经认定完全丧失劳动能力`,
        );
      }
      break;
    }
    case 'guer':
    case 'wurenfuyang':
      if (age === null || age >= 18)
        throw rule(`${who}不是未成年人（须未满18周岁，按身份证号码计算），不能申请${label('caseCategory', category)}`);
      break;
    case 'canji_living':
      if (grade === null) throw rule(`${who}未录入残疾等级（第二代残疾人证），不能申请困难残疾人生活补贴`);
      break;
    case 'canji_care': {
      const ok = grade !== null && (grade <= 2 || (canjiCareMentalExtension && mental));
      if (!ok) {
        throw rule(
          `${who}不符合重度残疾人护理补贴条件：须残疾等级一、二级${canjiCareMentalExtension ? '（或三、四级智力、精神残疾）' : ''}（国发〔2015〕52号）`,
        );
      }
      break;
    }
    case 'dibao':
      if (singlePerson) {
        const ok = (grade !== null && (grade <= 2 || (grade === 3 && mental))) || person?.health === 'serious';
        if (!ok) {
          throw rule(
            `${who}不符合单人保条件（民发〔2021〕57号第八条）：须一、二级重度残疾或三级智力、精神残疾，或患重特大疾病`,
          );
        }
      }
      break;
    default:
      break;
  }
}

/** Categories paid to one person (the case's person_id). */
export const INDIVIDUAL: ReadonlySet<Category> = new Set([
  'tekun',
  'canji_living',
  'canji_care',
  'guer',
  'wurenfuyang',
]);
