// 主动发现: the rule set (documented in docs/DISCOVERY.md). Each rule is one SQL query over the ledger as of a day D
// (month M = D's month) and returns the subjects it finds with the facts a clerk needs to check them. "Paying" means a
// monthly case in payment in M (approved, start_month <= M < stop_month). Ages are whole years on D.
import { sql, type Kysely } from 'kysely';
import { addMonths, addYears } from '../../../shared/time';
import type { DB } from '../db';

export const DISCOVERY_RULES = {
  care_subsidy_missing: '低保/特困家庭中的一级、二级残疾人未享受重度残疾人护理补贴',
  living_subsidy_missing: '低保家庭中的残疾人未享受困难残疾人生活补贴',
  orphan_unprotected: '父母双方均死亡、失踪或服刑的未成年人未纳入孤儿或事实无人抚养儿童保障',
  elderly_alone_unregistered: '80周岁以上、在保家庭中独居的老年人未登记为特殊困难老年人',
  stopped_not_monitored: '近12个月内停保或渐退的家庭未纳入低收入人口动态监测',
  tekun_no_assessment: '特困人员没有生活自理能力评估（照料护理等级无依据）',
} as const;
export type DiscoveryRule = keyof typeof DISCOVERY_RULES;

export interface Found {
  rule: DiscoveryRule;
  subjectKey: string;
  personId: string | null;
  householdId: string | null;
  facts: Record<string, unknown>;
}

const paying = (alias: string, m: string) =>
  sql.raw(`${alias}.status IN ('active','stopped') AND ${alias}.category <> 'linshi' AND ${alias}.start_month <= '${m}'
    AND (${alias}.stop_month IS NULL OR ${alias}.stop_month > '${m}')`);
/** A case of the person in payment or still being decided (an application already made). */
const holds = (category: string, personCol: string, m: string) =>
  sql.raw(`EXISTS (SELECT 1 FROM cases x WHERE x.person_id = ${personCol} AND x.category = '${category}'
    AND (x.status IN ('applied','investigating','preliminary','publicizing','reviewing')
      OR (x.status IN ('active','stopped') AND (x.stop_month IS NULL OR x.stop_month > '${m}'))))`);

interface PersonRow {
  person_id: string;
  household_id: string;
  name: string;
  birth_date: string | null;
  disability_grade: number | null;
  categories: string;
}

/** A lead about one person of a household (the person is its subject). */
const personLead = (
  rule: Found['rule'],
  r: { person_id: string; household_id: string },
  facts: Found['facts'],
): Found => ({ rule, subjectKey: r.person_id, personId: r.person_id, householdId: r.household_id, facts });

/** Runs every rule as of `day`. */
export async function findLeads(db: Kysely<DB>, day: string): Promise<Found[]> {
  const m = day.slice(0, 7);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(day);
  const out: Found[] = [];
  const memberOfPaying = (categories: string) => sql`
    SELECT p.id AS person_id, hm.household_id, p.name, p.birth_date, p.disability_grade,
      group_concat(DISTINCT c.category) AS categories
    FROM people p JOIN household_members hm ON hm.person_id = p.id AND hm.left_on IS NULL
    JOIN cases c ON c.household_id = hm.household_id AND ${paying('c', m)} AND c.category IN (${sql.raw(categories)})
    WHERE p.deceased_on IS NULL`;

  // 1. 一级/二级 disabled in a 低保/特困 household without 护理补贴.
  const r1 = await sql<PersonRow>`${memberOfPaying(`'dibao','tekun'`)} AND p.disability_grade IN (1, 2)
    AND NOT ${holds('canji_care', 'p.id', m)} GROUP BY p.id`.execute(db);
  for (const r of r1.rows)
    out.push(
      personLead('care_subsidy_missing', r, {
        name: r.name,
        disabilityGrade: r.disability_grade,
        householdCases: r.categories.split(','),
      }),
    );

  // 2. Disabled member of a 低保 household without 生活补贴.
  const r2 = await sql<PersonRow>`${memberOfPaying(`'dibao'`)} AND p.disability_grade IS NOT NULL
    AND NOT ${holds('canji_living', 'p.id', m)} GROUP BY p.id`.execute(db);
  for (const r of r2.rows)
    out.push(personLead('living_subsidy_missing', r, { name: r.name, disabilityGrade: r.disability_grade }));

  // 3. A child under 18 (a 子/女 of the household) whose two recorded parents — the household's 户主 and 配偶, present
  //    or past, at least 15 years older (a sibling who became head is not a parent) — are both dead, or left the
  //    household for 服刑, 失踪 or 强制隔离戒毒, and who holds no 孤儿 / 事实无人抚养 case or application.
  const adultFrom = addYears(day, -18); // born after this day: under 18 on `day`
  const r3 = await sql<{ person_id: string; household_id: string; name: string; birth_date: string; parents: string }>`
    SELECT p.id AS person_id, hm.household_id, p.name, p.birth_date,
      group_concat(pp.name || '：' || CASE
        WHEN pp.deceased_on IS NOT NULL THEN '死亡（' || pp.deceased_on || '）'
        ELSE coalesce(pm.left_reason, '') END, '；') AS parents
    FROM people p JOIN household_members hm ON hm.person_id = p.id AND hm.left_on IS NULL AND hm.relation IN ('子','女')
    JOIN household_members pm ON pm.household_id = hm.household_id AND pm.person_id <> p.id
      AND pm.relation IN ('户主','配偶')
    JOIN people pp ON pp.id = pm.person_id AND pp.birth_date <= date(p.birth_date, '-15 years')
    WHERE p.deceased_on IS NULL AND p.birth_date > ${adultFrom}
      AND NOT ${holds('guer', 'p.id', m)} AND NOT ${holds('wurenfuyang', 'p.id', m)}
    GROUP BY p.id
    HAVING count(DISTINCT pp.id) >= 2 AND sum(CASE WHEN pp.deceased_on IS NOT NULL
      OR pm.left_reason LIKE '%服刑%' OR pm.left_reason LIKE '%失踪%' OR pm.left_reason LIKE '%戒毒%' THEN 1 ELSE 0 END)
      = count(DISTINCT pp.id)`.execute(db);
  for (const r of r3.rows)
    out.push(personLead('orphan_unprotected', r, { name: r.name, birthDate: r.birth_date, parents: r.parents }));

  // 4. 80 or more (on the 80th birthday itself), the only living member of a household with a paying case, not on the
  //    special-difficulty elderly register.
  const bornBy = addYears(day, -80);
  const r4 = await sql<PersonRow>`
    SELECT p.id AS person_id, hm.household_id, p.name, p.birth_date, p.disability_grade,
      group_concat(DISTINCT c.category) AS categories
    FROM people p JOIN household_members hm ON hm.person_id = p.id AND hm.left_on IS NULL
    JOIN cases c ON c.household_id = hm.household_id AND ${paying('c', m)}
    WHERE p.deceased_on IS NULL AND p.birth_date <= ${bornBy}
      AND NOT EXISTS (SELECT 1 FROM household_members o JOIN people op ON op.id = o.person_id
        WHERE o.household_id = hm.household_id AND o.left_on IS NULL AND o.person_id <> p.id AND op.deceased_on IS NULL)
      AND NOT EXISTS (SELECT 1 FROM elderly_people e WHERE e.status = 'active' AND (e.person_id = p.id OR e.id_number = p.id_number))
    GROUP BY p.id`.execute(db);
  for (const r of r4.rows)
    out.push(
      personLead('elderly_alone_unregistered', r, {
        name: r.name,
        birthDate: r.birth_date,
        householdCases: r.categories.split(','),
      }),
    );

  // 5. Stopped or tapering in the last 12 months (first unpaid month after M-12), people still living there, no
  //    monthly 低保/特困 paying now, not on the monitoring list.
  const since = addMonths(m, -12);
  const r5 = await sql<{ household_id: string; head: string | null; cases: string }>`
    SELECT c.household_id, hp.name AS head,
      group_concat(c.category || '：' || coalesce(c.stop_reason, '') || '（' || c.stop_month || ' 起停发）', '；') AS cases
    FROM cases c JOIN households h ON h.id = c.household_id LEFT JOIN people hp ON hp.id = h.head_person_id
    WHERE c.status = 'stopped' AND c.category IN ('dibao','tekun','bianyuan','gangxing') AND c.stop_month > ${since}
      AND c.start_month < c.stop_month
      AND EXISTS (SELECT 1 FROM household_members hm JOIN people p ON p.id = hm.person_id
        WHERE hm.household_id = c.household_id AND hm.left_on IS NULL AND p.deceased_on IS NULL)
      AND NOT EXISTS (SELECT 1 FROM cases y WHERE y.household_id = c.household_id AND y.category IN ('dibao','tekun')
        AND ${paying('y', m)} AND (y.stop_month IS NULL OR y.status = 'active'))
      AND NOT EXISTS (SELECT 1 FROM monitoring_entries me WHERE me.household_id = c.household_id AND me.status = 'active')
    GROUP BY c.household_id`.execute(db);
  for (const r of r5.rows)
    out.push({
      rule: 'stopped_not_monitored',
      subjectKey: r.household_id,
      personId: null,
      householdId: r.household_id,
      facts: { head: r.head, cases: r.cases },
    });

  // 6. A 特困 person (paying) without a 生活自理能力 assessment.
  const r6 = await sql<{ person_id: string; household_id: string; name: string; care_grade: string | null }>`
    SELECT c.person_id, c.household_id, p.name, c.care_grade FROM cases c JOIN people p ON p.id = c.person_id
    WHERE c.category = 'tekun' AND ${paying('c', m)} AND p.deceased_on IS NULL
      AND NOT EXISTS (SELECT 1 FROM self_care_assessments a WHERE a.person_id = c.person_id)
    GROUP BY c.person_id`.execute(db);
  for (const r of r6.rows) out.push(personLead('tekun_no_assessment', r, { name: r.name, careGrade: r.care_grade }));
  return out;
}
