// Handlers that enter organizations: 登记, 备案 and edits of the record.
import { orgLabel, type orgsApi } from '../../../shared/api/orgs';
import { badInput } from '../../../shared/errors';
import { insertVersioned, updateVersioned, type Handlers } from '../kernel';
import {
  assertActive,
  assertCreditCodeFree,
  assertFilingNoFree,
  assertNameFree,
  blank,
  checkCreditCode,
  loadOrg,
  notFuture,
  todayOf,
} from './service';
import type { OrgsTable } from './tables';
import { EDITABLE_COLUMNS, orgView } from './views';

type RegistryApi = Pick<typeof orgsApi, 'orgs.register' | 'orgs.file' | 'orgs.update'>;

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
};
