// Loading and checking organizations inside a handler's transaction.
import type { Kysely } from 'kysely';
import { orgLabel, type OrgKind } from '../../../shared/api/orgs';
import { badInput, LedgerError, rule } from '../../../shared/errors';
import { parseUscc } from '../../../shared/uscc';
import { loadForEdit, type ServiceContext } from '../kernel';
import type { DB } from '../db';
import { ratingEligibility, type Eligibility } from './rules';
import type { OrgInspectionsTable, OrgsTable } from './tables';
import { ratingHistoryItem } from './views';

export { todayOf } from '../kernel';

/** A blank text (undefined, null or '') stored as null. */
export const blank = (s: string | null | undefined): string | null =>
  s === undefined || s === null || s === '' ? null : s;

export const isEnded = (o: OrgsTable): boolean => o.status === 'revoked' || o.status === 'deregistered';

/** The 机构类别 digit (position 2) of a 民政 credit code for each kind. */
const KIND_DIGIT: Record<OrgKind, string> = { association: '1', service: '2', foundation: '3' };

/**
 * GB 32100 with its embedded GB 11714 check, then cross-checked against the organization: a 民政-registered
 * organization's code starts with 5 (登记管理部门 = 民政) and its second character is the kind (1/2/3).
 * Returns the normalised code.
 */
export function checkCreditCode(input: string, kind: OrgKind): string {
  const p = parseUscc(input);
  if (!p.ok) throw badInput(`统一社会信用代码有误：${p.message}`, { creditCode: p.message });
  if (p.authority !== '5') {
    const msg = `统一社会信用代码第1位应为 5（民政登记），实为 ${p.authority}（${p.authorityName ?? '未知登记部门'}）`;
    throw badInput(msg, { creditCode: msg });
  }
  const digit = p.value.charAt(1);
  if (digit !== KIND_DIGIT[kind]) {
    const msg = `统一社会信用代码第2位为 ${digit}（${p.kind ?? '未知类别'}），与所选类型“${orgLabel('kind', kind)}”不符（应为 ${KIND_DIGIT[kind]}）`;
    throw badInput(msg, { creditCode: msg });
  }
  return p.value;
}

export const loadOrg = (ctx: ServiceContext, id: string, version?: number): Promise<OrgsTable> =>
  loadForEdit(ctx, 'orgs', id, version, '该社会组织', (o) => `社会组织“${o.name}”`);

export function assertActive(o: OrgsTable): void {
  if (isEnded(o)) throw rule(`“${o.name}”已${orgLabel('status', o.status)}（${o.ended_on ?? ''}），不能再办理此事项`);
}

export async function assertNameFree(db: Kysely<DB>, name: string, exceptId?: string): Promise<void> {
  let q = db
    .selectFrom('orgs')
    .select('id')
    .where('name', '=', name)
    .where('status', 'not in', ['revoked', 'deregistered']);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) {
    throw new LedgerError('CONFLICT', `已有名为“${name}”的社会组织`, { name: '名称已存在' });
  }
}

export async function assertCreditCodeFree(db: Kysely<DB>, code: string, exceptId?: string): Promise<void> {
  let q = db.selectFrom('orgs').select(['id', 'name']).where('credit_code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const other = await q.executeTakeFirst();
  if (other) {
    throw new LedgerError('CONFLICT', `统一社会信用代码 ${code} 已登记为“${other.name}”`, {
      creditCode: '该代码已登记',
    });
  }
}

export async function assertFilingNoFree(db: Kysely<DB>, no: string, exceptId?: string): Promise<void> {
  let q = db.selectFrom('orgs').select(['id', 'name']).where('filing_no', '=', no);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const other = await q.executeTakeFirst();
  if (other) throw new LedgerError('CONFLICT', `备案编号 ${no} 已用于“${other.name}”`, { filingNo: '备案编号已存在' });
}

/** A date a clerk says has happened: not after today. */
export function notFuture(date: string | null | undefined, field: string, label: string, today: string): void {
  if (date && date > today) throw badInput(`${label}（${date}）晚于今天`, { [field]: `${label}不能晚于今天` });
}

export function notBefore(
  date: string | null | undefined,
  min: string | null | undefined,
  field: string,
  message: string,
): void {
  if (date && min && date < min) throw badInput(message, { [field]: message });
}

/** Eligibility of a registered organization on a date, from its stored history. */
export async function eligibilityOf(db: Kysely<DB>, org: OrgsTable, onDate: string): Promise<Eligibility> {
  const [inspections, ratings, penalties] = await Promise.all([
    db
      .selectFrom('org_inspections')
      .select(['year', 'result', 'authority_submitted_on'])
      .where('org_id', '=', org.id)
      .where('voided_at', 'is', null)
      .execute(),
    db.selectFrom('org_ratings').selectAll().where('org_id', '=', org.id).execute(),
    db
      .selectFrom('org_events')
      .select('occurred_on')
      .where('org_id', '=', org.id)
      .where('kind', '=', 'penalty')
      .execute(),
  ]);
  // Taking part = submitted to the registration authority (or a result given); an unsubmitted draft is not.
  const byYear = new Map(
    inspections.filter((i) => i.authority_submitted_on || i.result).map((i) => [i.year, i.result] as const),
  );
  return ratingEligibility({
    onDate,
    registeredOn: org.registered_on,
    active: !isEnded(org),
    inspections: byYear,
    ratings: ratings.map(ratingHistoryItem),
    penalties: penalties.map((p) => p.occurred_on),
  });
}

/** The year's inspection records (年检) in force, by organization (a voided record is not one). */
export async function inspectionsOfYear(db: Kysely<DB>, year: number): Promise<Map<string, OrgInspectionsTable>> {
  const records = await db
    .selectFrom('org_inspections')
    .selectAll()
    .where('year', '=', year)
    .where('voided_at', 'is', null)
    .execute();
  return new Map(records.map((r) => [r.org_id, r]));
}
