// Handlers of the organizations themselves: list, page, 登记, 备案, edits and dated events.
import { sql } from 'kysely';
import {
  EVENT_KINDS_BY_REGISTRY,
  orgLabel,
  type orgsApi,
  type OrgListRow,
  type OrgView,
} from '../../../shared/api/orgs';
import { badInput, rule } from '../../../shared/errors';
import { normalizeText } from '../../../shared/text';
import { actorOf, type Handlers } from '../kernel';
import { changedFields, insertVersioned, updateVersioned } from '../kernel';
import { newId, nowIso } from '../ids';
import { orgHistory } from './history';
import { ratingInForce } from './rules';
import {
  assertActive,
  assertCreditCodeFree,
  assertFilingNoFree,
  assertNameFree,
  checkCreditCode,
  eligibilityOf,
  loadOrg,
  notBefore,
  notFuture,
  todayOf,
} from './service';
import type { OrgsTable } from './tables';
import {
  EDITABLE_COLUMNS,
  eventView,
  inspectionView,
  orgHeading,
  orgView,
  ratingHistoryItem,
  ratingView,
  termView,
} from './views';

type RegistryApi = Pick<
  typeof orgsApi,
  'orgs.list' | 'orgs.get' | 'orgs.register' | 'orgs.file' | 'orgs.update' | 'orgs.event'
>;

const blank = (s: string | null | undefined): string | null => (s === undefined || s === null || s === '' ? null : s);

/** LIKE pattern for a substring, with % _ \ escaped. */
const contains = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Which event kinds change which column. */
const EVENT_COLUMN = {
  name_change: 'name',
  legal_rep_change: 'legal_rep',
  domicile_change: 'domicile',
  leader_change: 'leader',
  venue_change: 'venue',
} as const;

/** A new organization's columns before its registry's own fields are filled in: empty, 正常, not ended. */
export const NO_ORG_FIELDS = {
  kind: null,
  community_type: null,
  status: 'normal',
  credit_code: null,
  registration_no: null,
  authority: null,
  supervisor: null,
  legal_rep: null,
  domicile: null,
  purpose: null,
  scope: null,
  capital_fen: null,
  founded_on: null,
  registered_on: null,
  leader: null,
  leader_phone: null,
  venue: null,
  charter: null,
  funds_fen: null,
  area: null,
  guide_unit: null,
  filing_no: null,
  filed_on: null,
  term_years: null,
  phone: null,
  note: null,
  ended_on: null,
  end_reason: null,
} as const satisfies Partial<OrgsTable>;

export const registryHandlers: Handlers<RegistryApi> = {
  'orgs.list': async (ctx, input) => {
    let q = ctx.db.selectFrom('orgs');
    if (input.registry) q = q.where('registry', '=', input.registry);
    if (input.kind) q = q.where('kind', '=', input.kind);
    if (input.communityType) q = q.where('community_type', '=', input.communityType);
    if (input.status) q = q.where('status', '=', input.status);
    else if (input.activeOnly !== false) q = q.where('status', 'not in', ['revoked', 'deregistered']);
    const text = normalizeText(input.q ?? '');
    if (text) {
      const p = contains(text);
      const code = contains(text.toUpperCase());
      q = q.where(
        sql<boolean>`(name LIKE ${p} ESCAPE '\\' OR credit_code LIKE ${code} ESCAPE '\\' OR registration_no LIKE ${p} ESCAPE '\\'
          OR filing_no LIKE ${p} ESCAPE '\\' OR legal_rep LIKE ${p} ESCAPE '\\' OR leader LIKE ${p} ESCAPE '\\')`,
      );
    }
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q
      .selectAll()
      .orderBy('registry', 'desc') // registered before community
      .orderBy('name')
      .offset(input.offset)
      .limit(input.limit)
      .execute();
    const ids = rows.map((r) => r.id);
    const today = todayOf(ctx);
    const [ratings, inspections] = ids.length
      ? await Promise.all([
          ctx.db.selectFrom('org_ratings').selectAll().where('org_id', 'in', ids).execute(),
          ctx.db
            .selectFrom('org_inspections')
            .select(['org_id', 'year', 'result'])
            .where('org_id', 'in', ids)
            .where('voided_at', 'is', null)
            .orderBy('year', 'desc')
            .execute(),
        ])
      : [[], []];
    const out: OrgListRow[] = rows.map((r) => {
      const ended = r.status === 'revoked' || r.status === 'deregistered';
      const rating = ended
        ? undefined
        : ratings.find((x) => x.org_id === r.id && ratingInForce(ratingHistoryItem(x), today));
      const last = inspections.find((i) => i.org_id === r.id);
      return {
        ...orgHeading(r),
        person: r.registry === 'registered' ? r.legal_rep : r.leader,
        since: r.registry === 'registered' ? r.registered_on : r.filed_on,
        grade: rating?.grade ?? null,
        lastInspection: last ? { year: last.year, result: last.result } : null,
      };
    });
    return { rows: out, total };
  },

  'orgs.get': async (ctx, input) => {
    const org = await loadOrg(ctx, input.id);
    const [inspections, ratings, terms, events] = await Promise.all([
      ctx.db.selectFrom('org_inspections').selectAll().where('org_id', '=', org.id).orderBy('year', 'desc').execute(),
      ctx.db.selectFrom('org_ratings').selectAll().where('org_id', '=', org.id).orderBy('rated_on', 'desc').execute(),
      ctx.db.selectFrom('org_terms').selectAll().where('org_id', '=', org.id).orderBy('term_no', 'desc').execute(),
      ctx.db
        .selectFrom('org_events')
        .selectAll()
        .where('org_id', '=', org.id)
        .orderBy('occurred_on', 'desc')
        .orderBy('created_at', 'desc')
        .execute(),
    ]);
    const childIds = [...inspections, ...ratings, ...terms, ...events].map((r) => r.id);
    const today = todayOf(ctx);
    const eligibility =
      org.registry === 'registered' ? { onDate: today, ...(await eligibilityOf(ctx.db, org, today)) } : null;
    return {
      org: orgView(org),
      inspections: inspections.map(inspectionView),
      ratings: ratings.map(ratingView),
      terms: terms.map(termView),
      events: events.map(eventView),
      history: await orgHistory(ctx.db, org.id, childIds),
      eligibility,
    };
  },

  'orgs.register': async (ctx, input) => {
    const today = todayOf(ctx);
    const creditCode = checkCreditCode(input.creditCode, input.kind);
    notFuture(input.registeredOn, 'registeredOn', '登记日期', today);
    notFuture(input.foundedOn, 'foundedOn', '成立日期', today);
    if (input.partyMembers > input.members && input.members > 0 && input.kind === 'association') {
      // 社会团体's 党员 are among its members; other kinds count staff, which the ledger does not hold.
      throw badInput('党员人数不能多于会员数', { partyMembers: '党员人数不能多于会员数' });
    }
    await assertNameFree(ctx.db, input.name);
    await assertCreditCodeFree(ctx.db, creditCode);
    const row = await insertVersioned(
      ctx,
      'orgs',
      {
        ...NO_ORG_FIELDS,
        registry: 'registered',
        name: input.name,
        kind: input.kind,
        credit_code: creditCode,
        registration_no: input.registrationNo,
        authority: input.authority,
        supervisor: blank(input.supervisor),
        legal_rep: input.legalRep,
        domicile: input.domicile,
        purpose: input.purpose,
        scope: input.scope,
        capital_fen: input.capitalFen,
        members: input.members,
        founded_on: blank(input.foundedOn),
        registered_on: input.registeredOn,
        term_years: input.termYears,
        party_org: input.partyOrg ? 1 : 0,
        party_members: input.partyMembers,
        phone: blank(input.phone),
        note: blank(input.note),
      },
      {
        action: 'org.register',
        after: {
          name: input.name,
          kind: input.kind,
          credit_code: creditCode,
          registered_on: input.registeredOn,
          legal_rep: input.legalRep,
        },
      },
    );
    return orgView(row);
  },

  'orgs.file': async (ctx, input) => {
    const today = todayOf(ctx);
    notFuture(input.filedOn, 'filedOn', '备案日期', today);
    notFuture(input.foundedOn, 'foundedOn', '成立日期', today);
    if (input.partyMembers > input.members) {
      throw badInput('党员人数不能多于成员人数', { partyMembers: '党员人数不能多于成员人数' });
    }
    await assertNameFree(ctx.db, input.name);
    await assertFilingNoFree(ctx.db, input.filingNo);
    const row = await insertVersioned(
      ctx,
      'orgs',
      {
        ...NO_ORG_FIELDS,
        registry: 'community',
        name: input.name,
        community_type: input.communityType,
        members: input.members,
        founded_on: blank(input.foundedOn),
        leader: input.leader,
        leader_phone: blank(input.leaderPhone),
        venue: input.venue,
        charter: input.charter,
        funds_fen: input.fundsFen,
        area: input.area,
        guide_unit: input.guideUnit,
        filing_no: input.filingNo,
        filed_on: input.filedOn,
        term_years: input.termYears ?? null,
        party_org: input.partyOrg ? 1 : 0,
        party_members: input.partyMembers,
        note: blank(input.note),
      },
      {
        action: 'org.file',
        after: {
          name: input.name,
          community_type: input.communityType,
          filing_no: input.filingNo,
          filed_on: input.filedOn,
          leader: input.leader,
        },
      },
    );
    return orgView(row);
  },

  'orgs.update': async (ctx, input) => {
    const org = await loadOrg(ctx, input.id, input.version);
    assertActive(org);
    const fields = org.registry === 'registered' ? input.registered : input.community;
    const other = org.registry === 'registered' ? input.community : input.registered;
    if (other && Object.keys(other).length > 0) {
      throw badInput(`“${org.name}”是${orgLabel('registry', org.registry)}，不能修改另一类组织的字段`);
    }
    if (!fields || Object.keys(fields).length === 0) throw badInput('没有要修改的内容');
    const today = todayOf(ctx);
    const set: Partial<Record<keyof OrgsTable, string | number | null>> = {};
    for (const [key, raw] of Object.entries(fields) as [keyof typeof EDITABLE_COLUMNS, unknown][]) {
      if (raw === undefined) continue;
      const column = EDITABLE_COLUMNS[key];
      let value: string | number | null =
        typeof raw === 'boolean' ? (raw ? 1 : 0) : typeof raw === 'number' ? raw : blank(raw as string | null);
      if (key === 'creditCode') {
        if (value === null) throw badInput('统一社会信用代码不能清空', { creditCode: '请填写统一社会信用代码' });
        value = checkCreditCode(String(value), org.kind ?? 'association');
        await assertCreditCodeFree(ctx.db, value, org.id);
      }
      if (key === 'filingNo') {
        if (value === null) throw badInput('备案编号不能清空', { filingNo: '请填写备案编号' });
        await assertFilingNoFree(ctx.db, String(value), org.id);
      }
      if ((key === 'registeredOn' || key === 'filedOn') && value === null) {
        throw badInput('登记/备案日期不能清空', { [key]: '请填写日期' });
      }
      if (key === 'registeredOn' || key === 'filedOn' || key === 'foundedOn') {
        notFuture(
          value as string | null,
          key,
          key === 'foundedOn' ? '成立日期' : key === 'filedOn' ? '备案日期' : '登记日期',
          today,
        );
      }
      if (org[column] === value) continue;
      set[column] = value;
    }
    if (Object.keys(set).length === 0) throw badInput('内容与原来相同，没有修改');
    const members = (set.members ?? org.members) as number;
    const partyMembers = (set.party_members ?? org.party_members) as number;
    if (org.registry === 'community' && partyMembers > members) {
      throw badInput('党员人数不能多于成员人数', { partyMembers: '党员人数不能多于成员人数' });
    }
    await updateVersioned(ctx, 'orgs', org.id, input.version, set as Partial<OrgsTable>, {
      action: 'org.update',
      what: `社会组织“${org.name}”`,
      reason: input.reason ?? null,
      current: org,
    });
    return orgView(await loadOrg(ctx, org.id));
  },

  'orgs.event': async (ctx, input) => {
    const org = await loadOrg(ctx, input.id, input.version);
    assertActive(org);
    const kinds = EVENT_KINDS_BY_REGISTRY[org.registry];
    if (!kinds.includes(input.kind)) {
      throw badInput(`${orgLabel('registry', org.registry)}没有“${orgLabel('eventKind', input.kind)}”事项`, {
        kind: '此类组织不适用该事项',
      });
    }
    const today = todayOf(ctx);
    notFuture(input.occurredOn, 'occurredOn', '发生日期', today);
    const since = org.registered_on ?? org.filed_on;
    notBefore(
      input.occurredOn,
      since,
      'occurredOn',
      `发生日期不能早于${org.registry === 'registered' ? '登记' : '备案'}日期 ${since ?? ''}`,
    );
    const at = nowIso(ctx.now());
    const newValue = blank(input.newValue);
    const detail = blank(input.detail);
    const set: Partial<OrgsTable> = {};
    let beforeValue: string | null = null;
    let afterValue: string | null = null;

    if (input.kind in EVENT_COLUMN) {
      const column = EVENT_COLUMN[input.kind as keyof typeof EVENT_COLUMN];
      if (!newValue)
        throw badInput(`请填写变更后的${orgLabel('eventKind', input.kind).replace('变更', '')}`, {
          newValue: '请填写变更后内容',
        });
      const current = org[column];
      if (current === newValue) throw badInput('变更后内容与原来相同', { newValue: '与原来相同' });
      if (column === 'name') await assertNameFree(ctx.db, newValue, org.id);
      beforeValue = current;
      afterValue = newValue;
      set[column] = newValue;
      // A community organization's 备案 shows it has changed since it was filed (正常/变更/注销).
      if (org.registry === 'community') set.status = 'changed';
    } else {
      if (!detail) {
        const what = input.kind === 'penalty' ? '处罚内容' : '事由';
        throw badInput(`请填写${what}`, { detail: `请填写${what}` });
      }
      if (input.kind === 'revocation' || input.kind === 'deregistration') {
        const openInspection = await ctx.db
          .selectFrom('org_inspections')
          .select('id')
          .where('org_id', '=', org.id)
          .where('voided_at', 'is', null)
          .where('year', '>=', Number(input.occurredOn.slice(0, 4)))
          .executeTakeFirst();
        if (openInspection) throw rule('该组织在注销/撤销日期所在年度之后仍有年检记录，请先核对日期');
        beforeValue = org.status;
        afterValue = input.kind === 'revocation' ? 'revoked' : 'deregistered';
        set.status = afterValue as OrgsTable['status'];
        set.ended_on = input.occurredOn;
        set.end_reason = detail;
      }
    }
    const eventId = newId();
    await ctx.db
      .insertInto('org_events')
      .values({
        id: eventId,
        org_id: org.id,
        kind: input.kind,
        occurred_on: input.occurredOn,
        before_value: beforeValue,
        after_value: afterValue,
        detail,
        doc_no: blank(input.docNo),
        created_at: at,
        created_by: actorOf(ctx).name,
      })
      .execute();
    // The event is journalled below, with the record's changed fields under org.update.
    await updateVersioned(ctx, 'orgs', org.id, input.version, set, {
      action: 'org.event',
      what: `社会组织“${org.name}”`,
      current: org,
      at,
      entry: false,
    });
    await ctx.journal({
      action: 'org.event',
      entity: 'org_events',
      entityId: eventId,
      after: { kind: input.kind, occurred_on: input.occurredOn, ...(afterValue !== null ? { value: afterValue } : {}) },
      reason: detail,
    });
    if (Object.keys(set).length > 0) {
      await ctx.journal({
        action: 'org.update',
        entity: 'orgs',
        entityId: org.id,
        ...changedFields(org, set),
        reason: orgLabel('eventKind', input.kind),
      });
    }
    const updated = await loadOrg(ctx, org.id);
    return orgView(updated) satisfies OrgView;
  },
};
