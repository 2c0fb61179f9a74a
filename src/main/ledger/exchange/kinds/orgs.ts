// 社会组织名册 as an import kind: one row per organisation, 登记的社会组织 (社会团体, 社会服务机构, 基金会 — with their
// 统一社会信用代码) or 备案的社区社会组织 (with their 备案编号), in one sheet or several. Created through `orgs.register`
// / `orgs.file` and changed through `orgs.update`, so the screen's rules hold: the code is checked with
// src/shared/uscc.ts (GB 32100 and the embedded GB 11714 check) and must be a 民政 code of the organisation's kind,
// names, codes and 备案编号 are unique, dates are not in the future. Name, 法定代表人, 住所, 负责人 and 活动场所 change
// only by a dated event on the organisation's page. The columns and label tables are in orgs-columns.ts.
import { orgsApi, type OrgView } from '../../../../shared/api/orgs';
import { badInput } from '../../../../shared/errors';
import { fenToYuanNumber } from '../../../../shared/money';
import { parseUscc } from '../../../../shared/uscc';
import { orgsHandlers, orgView } from '../../orgs';
import { isBlank, text } from '../values';
import { countCell, enumCell, moneyCell, optDateCell, optText, phoneText, shownOf, yesNoCell } from './cells';
import {
  COMMUNITY_PATHS,
  COMMUNITY_TYPE,
  FIXED,
  isCommunity,
  KIND,
  ORG_FIELDS,
  ORG_NOTES,
  REGISTERED_PATHS,
  REGISTRY,
  type OrgField,
  type Registry,
} from './orgs-columns';
import { defineKind, fieldPathMap, type KindSpec } from './spec';

function pick(view: OrgView, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of paths) out[p] = (view as unknown as Record<string, unknown>)[p] ?? null;
  return out;
}

type F = OrgField;

const spec: KindSpec<F> = {
  kind: 'orgs',
  title: '社会组织名册',
  unit: '个组织',
  fields: ORG_FIELDS,
  keyFields: ['name', 'creditCode', 'filingNo'],
  requiredColumns: ['name', 'kind'],
  columns: ORG_FIELDS.map((x) => x.key),
  notes: ORG_NOTES,
  textColumns: [
    'creditCode',
    'registrationNo',
    'foundedOn',
    'registeredOn',
    'phone',
    'leaderPhone',
    'filingNo',
    'filedOn',
  ],
  personal: false,

  read(row, report) {
    let registry: Registry | null = null;
    if (!isBlank(row.get('registry'))) {
      const r = enumCell(row.get('registry'), REGISTRY);
      if (!r.ok) {
        report('registry', r.message);
        return null;
      }
      registry = r.value;
    } else if (!isBlank(row.get('creditCode'))) registry = 'registered';
    else if (!isBlank(row.get('filingNo'))) registry = 'community';
    else {
      report(
        null,
        '无法判断是登记的社会组织还是备案的社区社会组织：请填写“登记或备案”，或统一社会信用代码（登记的）/ 备案编号（备案的）',
      );
      return null;
    }
    const input: Record<string, unknown> = { name: text(row.get('name')) };
    const count = (field: F, what: string, blank: number | null): void => {
      const c = countCell(row.get(field), what, blank);
      if (!c.ok) report(field, c.message);
      else if (c.value !== null) input[field] = c.value;
    };
    const money = (field: F, path: string, what: string, blank: number | null): void => {
      const m = moneyCell(row.get(field), what, blank);
      if (!m.ok) report(field, m.message);
      else if (m.value !== null) input[path] = m.value;
    };
    const date = (field: F, what: string): void => {
      const d = optDateCell(row.get(field), what);
      if (!d.ok) report(field, d.message);
      else if (d.value !== null) input[field] = d.value;
    };
    count('members', registry === 'registered' ? '会员数' : '成员人数', null);
    input.foundedOn = null;
    date('foundedOn', '成立日期');
    count('termYears', '每届年限', null);
    const party = yesNoCell(row.get('partyOrg'), '是否建立党组织', false);
    if (!party.ok) report('partyOrg', party.message);
    else input.partyOrg = party.value;
    count('partyMembers', '党员人数', 0);
    input.note = optText(row.get('note'));
    if (registry === 'registered') {
      const k = enumCell(row.get('kind'), KIND);
      if (!k.ok) report('kind', k.message);
      else input.kind = k.value;
      const code = text(row.get('creditCode'));
      if (code === '') report('creditCode', '登记的社会组织须填写统一社会信用代码');
      else {
        const p = parseUscc(code);
        if (!p.ok) report('creditCode', `统一社会信用代码有误：${p.message}`);
        else input.creditCode = p.value;
      }
      input.registrationNo = text(row.get('registrationNo'));
      input.authority = text(row.get('authority'));
      input.supervisor = optText(row.get('supervisor'));
      input.legalRep = text(row.get('legalRep'));
      input.domicile = text(row.get('domicile'));
      input.purpose = text(row.get('purpose'));
      input.scope = text(row.get('scope'));
      money('capital', 'capitalFen', '注册资金', null);
      date('registeredOn', '登记日期');
      input.phone = phoneText(row.get('phone'));
    } else {
      const k = enumCell(row.get('kind'), COMMUNITY_TYPE);
      if (!k.ok) report('kind', k.message);
      else input.communityType = k.value;
      input.leader = text(row.get('leader'));
      input.leaderPhone = phoneText(row.get('leaderPhone'));
      input.venue = text(row.get('venue'));
      input.charter = text(row.get('charter'));
      money('funds', 'fundsFen', '活动资金', 0);
      input.area = text(row.get('area'));
      input.guideUnit = text(row.get('guideUnit'));
      input.filingNo = text(row.get('filingNo'));
      date('filedOn', '备案日期');
      input.termYears ??= null;
    }
    return input;
  },

  fieldOfPath: fieldPathMap<F>(ORG_FIELDS, {
    capitalFen: 'capital',
    fundsFen: 'funds',
    communityType: 'kind',
  }),
  pathsOf: (field) =>
    field === 'seq' || field === 'registry'
      ? []
      : field === 'kind'
        ? ['kind', 'communityType']
        : field === 'capital'
          ? ['capitalFen']
          : field === 'funds'
            ? ['fundsFen']
            : [field],
  keys: (input) =>
    isCommunity(input)
      ? [{ key: `filing:${String(input.filingNo)}`, field: 'filingNo', shown: String(input.filingNo) }]
      : [{ key: `uscc:${String(input.creditCode)}`, field: 'creditCode', shown: String(input.creditCode) }],

  async load(ctx) {
    const rows = await ctx.db
      .selectFrom('orgs')
      .selectAll()
      .where('status', 'not in', ['revoked', 'deregistered'])
      .orderBy('registry', 'desc')
      .orderBy('name')
      .execute();
    return rows.map((r) => {
      const view = orgView(r);
      return {
        id: r.id,
        version: r.version,
        subject: r.name,
        current: pick(view, r.registry === 'registered' ? REGISTERED_PATHS : COMMUNITY_PATHS),
      };
    });
  },

  async create(ctx, input) {
    if (isCommunity(input)) await orgsHandlers['orgs.file'](ctx, input as never);
    else await orgsHandlers['orgs.register'](ctx, input as never);
  },

  fixedPaths: FIXED,

  async update(ctx, existing, merged, reason) {
    const community = isCommunity(existing.current);
    const editable: Record<string, unknown> = {};
    for (const p of community ? COMMUNITY_PATHS : REGISTERED_PATHS) {
      if (!FIXED.includes(p)) editable[p] = merged[p];
    }
    const parsed = orgsApi['orgs.update'].input.safeParse({
      id: existing.id,
      version: existing.version,
      ...(community ? { community: editable } : { registered: editable }),
      reason,
    });
    if (!parsed.success) throw badInput(parsed.error.issues[0]?.message ?? '输入有误');
    await orgsHandlers['orgs.update'](ctx, parsed.data);
  },

  toRow(c) {
    const community = isCommunity(c);
    const s = (p: string): string => (c[p] as string | null | undefined) ?? '';
    const n = (p: string): number | null => (typeof c[p] === 'number' ? (c[p] as number) : null);
    const yuan = (p: string): number | null => (typeof c[p] === 'number' ? fenToYuanNumber(c[p] as number) : null);
    return {
      registry: community ? '备案' : '登记',
      name: s('name'),
      kind: community ? shownOf(c.communityType, COMMUNITY_TYPE) : shownOf(c.kind, KIND),
      creditCode: s('creditCode'),
      registrationNo: s('registrationNo'),
      authority: s('authority'),
      supervisor: s('supervisor'),
      legalRep: s('legalRep'),
      domicile: s('domicile'),
      purpose: s('purpose'),
      scope: s('scope'),
      capital: yuan('capitalFen'),
      members: n('members'),
      foundedOn: s('foundedOn'),
      registeredOn: s('registeredOn'),
      termYears: n('termYears'),
      partyOrg: c.partyOrg ? '是' : '否',
      partyMembers: n('partyMembers'),
      phone: s('phone'),
      leader: s('leader'),
      leaderPhone: s('leaderPhone'),
      venue: s('venue'),
      charter: s('charter'),
      funds: yuan('fundsFen'),
      area: s('area'),
      guideUnit: s('guideUnit'),
      filingNo: s('filingNo'),
      filedOn: s('filedOn'),
      note: s('note'),
    };
  },

  shown(path, value) {
    if (path === 'kind') return shownOf(value, KIND);
    if (path === 'communityType') return shownOf(value, COMMUNITY_TYPE);
    return shownOf(value, undefined, path === 'capitalFen' || path === 'fundsFen');
  },
};

export const orgsKind = defineKind(spec, (raw) =>
  isCommunity(raw) ? orgsApi['orgs.file'].input : orgsApi['orgs.register'].input,
);
