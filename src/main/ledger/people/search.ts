// Household list and people search, in plain SQL on the raw connection (prepared statements) so 50,000 people page
// in milliseconds. The query text decides the search: a full ID number (exact, via the unique index), trailing
// digits of an ID number ("尾号", via the reversed-number index), latin letters (pinyin initials, index prefix), or
// otherwise part of a name.
import type { Category, HouseholdRow, Page, PersonView } from '../../../shared/api/cases';
import { maskIdNumber, normalizeIdNumber } from '../../../shared/idcard';
import { addDays } from '../../../shared/time';
import { normalizeText } from '../../../shared/text';
import { countOf, rowsOf, type ServiceContext } from '../kernel';
import type { PeopleTable } from './tables';
import { personView, reverse, todayOf } from './persons';

export const WORKFLOW_STATUSES = "('applied','investigating','preliminary','publicizing','reviewing')";

/** SQL condition on people `p` for a search text, and its parameter. */
export function personMatch(qRaw: string): { sql: string; param: string } {
  const q = normalizeText(qRaw);
  const asId = normalizeIdNumber(q);
  if (/^(\d{17}[\dX]|\d{15})$/.test(asId)) return { sql: 'p.id_number = @q', param: asId };
  if (/^\d{2,16}X?$/.test(asId)) return { sql: 'p.id_reversed GLOB @q', param: `${reverse(asId)}*` };
  if (/^[a-z]+$/i.test(q)) return { sql: 'p.name_initials GLOB @q', param: `${q.toLowerCase()}*` };
  return { sql: 'instr(p.name, @q) > 0', param: q };
}

/** At least this many names starting with the text: search by prefix only (index range), not by any part of the name. */
export const PREFIX_ENOUGH = 50;
/** Above every character a name can hold (U+10FFFF sorts after all of UTF-8 in SQLite's binary order). */
const PREFIX_END = '\u{10FFFF}';

/**
 * Like personMatch, for the people search and the household list over 50,000 people: a name text is matched by
 * prefix through the people_name index ("王" finds 王华, 王秀英 …) when at least PREFIX_ENOUGH names start with it;
 * otherwise by any part of the name ("华" finds 王华), scanning the names in the index only.
 */
export function personMatchIndexed(
  raw: ServiceContext['ledger']['raw'],
  qRaw: string,
): { sql: string; params: Record<string, string> } {
  const m = personMatch(qRaw);
  if (!m.sql.startsWith('instr(')) return { sql: m.sql, params: { q: m.param } };
  const params = { q: m.param, qEnd: m.param + PREFIX_END };
  const prefix = 'p.name >= @q AND p.name < @qEnd';
  const n = countOf(
    raw,
    `SELECT count(*) FROM (SELECT 1 FROM people p WHERE ${prefix} LIMIT ${PREFIX_ENOUGH})`,
    params,
  );
  return n >= PREFIX_ENOUGH
    ? { sql: prefix, params }
    : { sql: 'p.rowid IN (SELECT rowid FROM people INDEXED BY people_name WHERE instr(name, @q) > 0)', params };
}

export interface HouseholdListInput {
  q?: string | undefined;
  villageId?: string | undefined;
  category?: Category | undefined;
  caseStatus?: 'in_payment' | 'in_progress' | 'ended' | 'none' | undefined;
  due?: 'overdue' | 'soon' | undefined;
  includeClosed?: boolean | undefined;
  offset: number;
  limit: number;
}

/** A household's cases, through their household's index: without the hint SQLite may walk another index of cases (by
 * category, status or date) for every household, which took minutes on 20,000 households (issue 17). */
const OF_HOUSEHOLD = 'cases c INDEXED BY cases_household WHERE c.household_id = h.id';

const openCase = (a: string) =>
  `(${a}.status IN ${WORKFLOW_STATUSES} OR (${a}.status IN ('active','stopped') AND ${a}.category <> 'linshi' AND (${a}.stop_month IS NULL OR ${a}.stop_month > @month)))`;

export function listHouseholds(ctx: ServiceContext, input: HouseholdListInput): Page<HouseholdRow> {
  const today = todayOf(ctx);
  const params: Record<string, string | number> = { month: today.slice(0, 7), today };
  const where: string[] = [];
  if (!input.includeClosed) where.push("h.status = 'active'");
  // The member a text search found (issue 20: "cxh" finds 李旺户 through 陈霞华 — say so), head first.
  let matchedSql = 'NULL';
  if (input.q) {
    const m = personMatchIndexed(ctx.ledger.raw, input.q);
    Object.assign(params, m.params);
    matchedSql = `(SELECT p.name FROM household_members mm JOIN people p ON p.id = mm.person_id
         WHERE mm.household_id = h.id AND mm.left_on IS NULL AND ${m.sql}
         ORDER BY p.id = h.head_person_id DESC LIMIT 1)`;
    where.push(
      `h.id IN (SELECT hm.household_id FROM household_members hm JOIN people p ON p.id = hm.person_id WHERE hm.left_on IS NULL AND ${m.sql})`,
    );
  }
  if (input.villageId) {
    params.village = input.villageId;
    where.push('h.village_id = @village');
  }
  if (input.category) {
    params.category = input.category;
    where.push(`EXISTS (SELECT 1 FROM ${OF_HOUSEHOLD} AND c.category = @category AND ${openCase('c')})`);
  }
  switch (input.caseStatus) {
    case 'in_payment':
      where.push(
        `EXISTS (SELECT 1 FROM ${OF_HOUSEHOLD} AND c.status IN ('active','stopped') AND c.category <> 'linshi' AND (c.stop_month IS NULL OR c.stop_month > @month))`,
      );
      break;
    case 'in_progress':
      where.push(`EXISTS (SELECT 1 FROM ${OF_HOUSEHOLD} AND c.status IN ${WORKFLOW_STATUSES})`);
      break;
    case 'ended':
      where.push(
        `EXISTS (SELECT 1 FROM ${OF_HOUSEHOLD}) AND NOT EXISTS (SELECT 1 FROM ${OF_HOUSEHOLD} AND ${openCase('c')})`,
      );
      break;
    case 'none':
      where.push(`NOT EXISTS (SELECT 1 FROM ${OF_HOUSEHOLD})`);
      break;
    default:
      break;
  }
  if (input.due) {
    params.soonTask = addDays(today, 7);
    params.soonRecheck = addDays(today, 30);
    where.push(
      input.due === 'overdue'
        ? `EXISTS (SELECT 1 FROM ${OF_HOUSEHOLD} AND (c.due_on < @today OR (c.status IN ('active','stopped') AND c.next_recheck_on < @today)))`
        : `EXISTS (SELECT 1 FROM ${OF_HOUSEHOLD} AND (c.due_on <= @soonTask OR (c.status IN ('active','stopped') AND c.next_recheck_on <= @soonRecheck)))`,
    );
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const raw = ctx.ledger.raw;
  const rows = rowsOf<{
    id: string;
    village_id: string;
    village: string;
    head_name: string | null;
    head_id: string | null;
    address: string | null;
    size: number;
    matched_name: string | null;
  }>(
    raw,
    // The page's ids first, then the columns and member counts for that page only. The order (village, head's
    // initials, head's name, id) is stored on the household and indexed with its status (migration 0019): a page is a
    // walk of households_list, not a sort of every household. (Every household has its village: a foreign key.)
    `WITH page AS (
         SELECT h.id, h.sort_village AS vs, h.sort_initials AS ini, h.sort_name AS hn
         FROM households h
         ${whereSql}
         ORDER BY h.sort_village, h.sort_initials, h.sort_name, h.id
         LIMIT @limit OFFSET @offset)
       SELECT h.id, h.village_id, v.name AS village, hp.name AS head_name, hp.id_number AS head_id, h.address,
         (SELECT count(*) FROM household_members m JOIN people mp ON mp.id = m.person_id
           WHERE m.household_id = h.id AND m.left_on IS NULL AND mp.deceased_on IS NULL) AS size,
         ${matchedSql} AS matched_name
       FROM page JOIN households h ON h.id = page.id JOIN villages v ON v.id = h.village_id
       LEFT JOIN people hp ON hp.id = h.head_person_id
       ORDER BY page.vs, page.ini, page.hn, page.id`,
    { ...params, limit: input.limit, offset: input.offset },
  );
  const total = countOf(raw, `SELECT count(*) FROM households h ${whereSql}`, params);
  const summaries = caseSummaries(
    ctx,
    rows.map((r) => r.id),
    today,
  );
  return {
    total,
    rows: rows.map((r) => {
      const s = summaries.get(r.id);
      return {
        id: r.id,
        villageId: r.village_id,
        villageName: r.village,
        headName: r.head_name,
        headIdMasked: r.head_id ? maskIdNumber(r.head_id) : null,
        size: r.size,
        address: r.address,
        categories: s ? [...s.categories] : [],
        caseStatus: s?.status ?? 'none',
        nextDueOn: s?.nextDueOn ?? null,
        overdue: s?.nextDueOn ? s.nextDueOn < today : false,
        matchedMember: r.matched_name && r.matched_name !== r.head_name ? r.matched_name : null,
      };
    }),
  };
}

interface Summary {
  categories: Set<Category>;
  status: HouseholdRow['caseStatus'];
  nextDueOn: string | null;
}

const statusRank = { none: 0, ended: 1, in_progress: 2, in_payment: 3 } as const;

function caseSummaries(ctx: ServiceContext, householdIds: string[], today: string): Map<string, Summary> {
  const out = new Map<string, Summary>();
  if (householdIds.length === 0) return out;
  const month = today.slice(0, 7);
  const cases = rowsOf<{
    household_id: string;
    category: Category;
    status: string;
    start_month: string | null;
    stop_month: string | null;
    due_on: string | null;
    next_recheck_on: string | null;
  }>(
    ctx.ledger.raw,
    `SELECT household_id, category, status, start_month, stop_month, due_on, next_recheck_on FROM cases
       WHERE household_id IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(householdIds)],
  );
  for (const c of cases) {
    const s = out.get(c.household_id) ?? { categories: new Set<Category>(), status: 'none', nextDueOn: null };
    out.set(c.household_id, s);
    const inWorkflow = WORKFLOW_STATUSES.includes(`'${c.status}'`);
    const paying =
      (c.status === 'active' || c.status === 'stopped') &&
      c.category !== 'linshi' &&
      (c.stop_month === null || c.stop_month > month);
    // The list says what the case page says (issue 20): an approved case is 在保 from its approval, also in the month
    // before its first payment, not 办理中.
    const st: Summary['status'] = paying ? 'in_payment' : inWorkflow ? 'in_progress' : 'ended';
    if (statusRank[st] > statusRank[s.status]) s.status = st;
    if (inWorkflow || paying) s.categories.add(c.category);
    for (const d of [c.due_on, paying ? c.next_recheck_on : null]) {
      if (d && (s.nextDueOn === null || d < s.nextDueOn)) s.nextDueOn = d;
    }
  }
  return out;
}

export function searchPeople(
  ctx: ServiceContext,
  input: { q: string; offset: number; limit: number },
): Page<PersonView & { householdId: string | null; villageName: string | null }> {
  const raw = ctx.ledger.raw;
  const m = personMatchIndexed(raw, input.q);
  const total = countOf(raw, `SELECT count(*) FROM people p WHERE ${m.sql}`, m.params);
  const rows = rowsOf<
    PeopleTable & {
      hh: string | null;
      village: string | null;
    }
  >(
    raw,
    // The page's people first (sorted on the narrow index columns), then their rows and households.
    `WITH page AS (
         SELECT p.rowid AS rid, p.name_initials AS ini, p.name AS nm, p.id AS pid FROM people p
         WHERE ${m.sql} ORDER BY ini, nm, pid LIMIT @limit OFFSET @offset)
       SELECT p.*, hm.household_id AS hh, v.name AS village FROM page JOIN people p ON p.rowid = page.rid
       LEFT JOIN household_members hm ON hm.person_id = p.id AND hm.left_on IS NULL
       LEFT JOIN households h ON h.id = hm.household_id LEFT JOIN villages v ON v.id = h.village_id
       ORDER BY page.ini, page.nm, page.pid`,
    { ...m.params, limit: input.limit, offset: input.offset },
  );
  const today = todayOf(ctx);
  return {
    total,
    rows: rows.map((r) => ({ ...personView(r, today), householdId: r.hh, villageName: r.village })),
  };
}
