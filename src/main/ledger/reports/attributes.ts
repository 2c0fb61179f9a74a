// The person categories the county 低保 table and the 特困 table count (女性, 老年人 … 劳动能力 in four, 未满16周岁),
// as SQL conditions on people `p` at the end of a month. The figures (grain.ts), the trace and the detail sheets
// all use these, so a category is defined once.
import { sql } from 'kysely';
import { daysInMonth } from '../../../shared/time';

/** Age cut-offs at the month's last day: elderly = born on or before `elderly`; minor = born after `minor`. */
export function ageCutoffs(month: string): { elderly: string; minor: string; under16: string } {
  const y = Number(month.slice(0, 4));
  const mm = month.slice(5, 7);
  const dd = String(daysInMonth(y, Number(mm))).padStart(2, '0');
  return { elderly: `${y - 60}-${mm}-${dd}`, minor: `${y - 18}-${mm}-${dd}`, under16: `${y - 16}-${mm}-${dd}` };
}

/** A person's birth date: the recorded one, else read from an 18-digit ID number. */
export const BIRTH_DATE = sql.raw(
  `coalesce(p.birth_date, CASE WHEN length(p.id_number) = 18 THEN substr(p.id_number, 7, 4) || '-' || substr(p.id_number, 11, 2) || '-' || substr(p.id_number, 13, 2) END)`,
);

export type Attribute =
  | 'women'
  | 'elderly'
  | 'minors'
  | 'disabled'
  | 'labourPartial'
  | 'labourNone'
  | 'labour4Able'
  | 'labour4Partial'
  | 'labour4None'
  | 'labour4Age'
  | 'under16';

/**
 * The person categories of the county 低保 table and the 特困 table, as conditions on people `p` at the end of
 * `month`. 劳动能力 in four: 无 (labour4Age) = under 18 or 60 and over; in working age: 部分丧失 / 完全丧失 as recorded,
 * otherwise (有劳动能力 or not recorded) 有 — so the four add up to the persons.
 */
export function attributeCondition(attribute: Attribute, month: string) {
  const cut = ageCutoffs(month);
  const notWorkingAge = sql`coalesce(${BIRTH_DATE} <= ${cut.elderly} OR ${BIRTH_DATE} > ${cut.minor}, 0)`;
  switch (attribute) {
    case 'women':
      return sql`p.sex = 'F'`;
    case 'elderly':
      return sql`${BIRTH_DATE} <= ${cut.elderly}`;
    case 'minors':
      return sql`${BIRTH_DATE} > ${cut.minor}`;
    case 'disabled':
      return sql`(p.disability_grade IS NOT NULL OR p.disability_type IS NOT NULL)`;
    case 'labourPartial':
      return sql`p.labour_capacity = 'partial'`;
    case 'labourNone':
      return sql`p.labour_capacity = 'none'`;
    case 'labour4Age':
      return notWorkingAge;
    case 'labour4Partial':
      return sql`NOT ${notWorkingAge} AND p.labour_capacity = 'partial'`;
    case 'labour4None':
      return sql`NOT ${notWorkingAge} AND p.labour_capacity = 'none'`;
    case 'labour4Able':
      return sql`NOT ${notWorkingAge} AND coalesce(p.labour_capacity, 'full') NOT IN ('partial', 'none')`;
    case 'under16':
      // 未满16周岁的未成年人（不含孤儿）: not counted when the person is paid as an orphan in the month.
      // The unary + keep SQLite on the cases_person index (a person has few cases; there are many 孤儿 cases).
      return sql`${BIRTH_DATE} > ${cut.under16} AND NOT EXISTS (SELECT 1 FROM cases o WHERE o.person_id = p.id
        AND +o.category = 'guer' AND +o.status IN ('active','stopped') AND +o.start_month <= ${month}
        AND (o.stop_month IS NULL OR o.stop_month > ${month}))`;
  }
}
