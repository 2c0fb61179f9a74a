// 社会组织名册 as an import kind: one row per organisation, 登记的社会组织 (社会团体, 社会服务机构, 基金会 — with their
// 统一社会信用代码) or 备案的社区社会组织 (with their 备案编号), in one sheet or several. Created through `orgs.register`
// / `orgs.file` and changed through `orgs.update`, so the screen's rules hold: the code is checked with
// src/shared/uscc.ts (GB 32100 and the embedded GB 11714 check) and must be a 民政 code of the organisation's kind,
// names, codes and 备案编号 are unique, dates are not in the future. Name, 法定代表人, 住所, 负责人 and 活动场所 change
// only by a dated event on the organisation's page.
import { orgLabels, orgsApi, type OrgView } from '../../../../shared/api/orgs';
import { badInput } from '../../../../shared/errors';
import { fenToYuanNumber } from '../../../../shared/money';
import { parseUscc } from '../../../../shared/uscc';
import { orgsHandlers, orgView } from '../../orgs';
import type { FieldDef } from '../fields';
import { isBlank, text } from '../values';
import {
  countCell,
  enumCell,
  moneyCell,
  optDateCell,
  optText,
  phoneText,
  shownOf,
  yesNoCell,
  type EnumTable,
} from './cells';
import { defineKind } from './engine';
import { fieldPathMap, registerField, type KindSpec } from './spec';

type F =
  | 'seq'
  | 'registry'
  | 'name'
  | 'kind'
  | 'creditCode'
  | 'registrationNo'
  | 'authority'
  | 'supervisor'
  | 'legalRep'
  | 'domicile'
  | 'purpose'
  | 'scope'
  | 'capital'
  | 'members'
  | 'foundedOn'
  | 'registeredOn'
  | 'termYears'
  | 'partyOrg'
  | 'partyMembers'
  | 'phone'
  | 'leader'
  | 'leaderPhone'
  | 'venue'
  | 'charter'
  | 'funds'
  | 'area'
  | 'guideUnit'
  | 'filingNo'
  | 'filedOn'
  | 'note';

const f = registerField<F>;

export const ORG_FIELDS: readonly FieldDef<F>[] = [
  f('seq', '序号', ['编号', '序']),
  f('registry', '登记或备案', ['登记/备案', '管理方式', '登记备案', '登记类别']),
  f('name', '组织名称', ['名称', '社会组织名称', '单位名称', '机构名称', '组织名']),
  f('kind', '组织类型', ['类型', '社会组织类型', '组织类别', '单位类型', '类别']),
  f('creditCode', '统一社会信用代码', ['信用代码', '社会信用代码', '统一代码']),
  f('registrationNo', '登记证号', ['登记证书号', '登记证书编号', '证书号', '证书编号']),
  f('authority', '登记管理机关', ['登记机关', '发证机关']),
  f('supervisor', '业务主管单位', ['主管单位', '业务主管部门']),
  f('legalRep', '法定代表人', ['法人代表', '法人']),
  f('domicile', '住所', ['地址', '办公地址', '注册地址', '住所地']),
  f('purpose', '宗旨', ['组织宗旨']),
  f('scope', '业务范围', ['主要业务']),
  f('capital', '注册资金(元)', ['注册资金', '开办资金', '注册资本', '原始基金']),
  f('members', '会员/成员人数', ['会员数', '成员人数', '会员人数', '成员数', '人数']),
  f('foundedOn', '成立日期', ['成立时间']),
  f('registeredOn', '登记日期', ['登记时间', '发证日期']),
  f('termYears', '每届年限', ['届期', '每届任期', '任期(年)']),
  f('partyOrg', '是否建立党组织', ['党组织', '建立党组织', '是否建立党支部']),
  f('partyMembers', '党员人数', ['党员数']),
  f('phone', '联系电话', ['电话', '办公电话']),
  f('leader', '负责人', ['负责人姓名']),
  f('leaderPhone', '负责人电话', ['负责人联系电话', '负责人手机']),
  f('venue', '活动场所', ['活动地点', '场所']),
  f('charter', '章程', ['章程要点', '章程（要点或存档位置）']),
  f('funds', '活动资金(元)', ['活动资金']),
  f('area', '活动地域', ['活动区域']),
  f('guideUnit', '指导单位', ['业务指导单位', '指导部门']),
  f('filingNo', '备案编号', ['备案号', '备案证号']),
  f('filedOn', '备案日期', ['备案时间']),
  f('note', '备注', ['说明']),
];

type Registry = 'registered' | 'community';

const REGISTRY: EnumTable<Registry> = {
  what: '登记或备案',
  labels: { registered: '登记', community: '备案' },
  patterns: [
    [/备案|社区社会组织|社区/, 'community'],
    [/登记|民政/, 'registered'],
  ],
};
const KIND: EnumTable<'association' | 'service' | 'foundation'> = {
  what: '组织类型',
  labels: { association: '社会团体', service: '社会服务机构', foundation: '基金会' },
  patterns: [
    [/基金会/, 'foundation'],
    [/社会服务机构|民办非企业|民非|服务中心/, 'service'],
    [/社会团体|社团|协会|商会|学会|研究会|联合会/, 'association'],
  ],
};
const COMMUNITY_TYPE: EnumTable<keyof typeof orgLabels.communityType> = {
  what: '组织类型',
  labels: orgLabels.communityType,
  patterns: [
    [/文体|文化|体育|广场舞|艺术/, 'culture_sports'],
    [/志愿/, 'volunteer'],
    [/老年/, 'elderly'],
    [/互助/, 'mutual_aid'],
    [/专业技术|农技|科技/, 'rural_tech'],
    [/公益|慈善/, 'charity'],
    [/其他|其它/, 'other'],
  ],
};

/** The 登记 fields of the screen, in the order of the registered form. */
const REGISTERED_PATHS = [
  'kind',
  'name',
  'creditCode',
  'registrationNo',
  'authority',
  'supervisor',
  'legalRep',
  'domicile',
  'purpose',
  'scope',
  'capitalFen',
  'members',
  'foundedOn',
  'registeredOn',
  'termYears',
  'partyOrg',
  'partyMembers',
  'phone',
  'note',
] as const;
const COMMUNITY_PATHS = [
  'communityType',
  'name',
  'leader',
  'leaderPhone',
  'venue',
  'charter',
  'members',
  'fundsFen',
  'area',
  'guideUnit',
  'filingNo',
  'filedOn',
  'foundedOn',
  'termYears',
  'partyOrg',
  'partyMembers',
  'note',
] as const;
/** Changed by a dated event on the organisation's page (orgs.event), never by an edit. */
const FIXED = ['name', 'legalRep', 'domicile', 'leader', 'venue', 'kind', 'communityType'];

const isCommunity = (input: Record<string, unknown>): boolean => 'communityType' in input || 'filingNo' in input;

function pick(view: OrgView, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of paths) out[p] = (view as unknown as Record<string, unknown>)[p] ?? null;
  return out;
}

const spec: KindSpec<F> = {
  kind: 'orgs',
  title: '社会组织名册',
  unit: '个组织',
  fields: ORG_FIELDS,
  keyFields: ['name', 'creditCode', 'filingNo'],
  requiredColumns: ['name', 'kind'],
  columns: ORG_FIELDS.map((x) => x.key),
  notes: {
    registry:
      '登记（在民政部门登记的社会团体、社会服务机构、基金会）或 备案（在街道/乡镇备案的社区社会组织）；留空时有统一社会信用代码的为登记，有备案编号的为备案',
    kind: '登记的：社会团体、社会服务机构（民办非企业单位）、基金会；备案的：文体类、志愿服务类、老年协会、互助类、农村专业技术协会、公益慈善类、其他',
    creditCode:
      '登记的必填：18 位，按 GB 32100 校验；第 1 位应为 5（民政），第 2 位与组织类型一致（1 社会团体、2 社会服务机构、3 基金会）。与台账中相同即为同一组织',
    registrationNo: '登记的必填',
    authority: '登记的必填，如 泰州市海陵区民政局',
    legalRep: '登记的必填；台账中已有的组织，法定代表人、住所、名称的变更须在组织页面登记变更事项',
    capital: '元；登记的必填',
    members: '整数；社会团体的党员人数不能多于会员数',
    registeredOn: '登记的必填，如 2019-05-10',
    termYears: '1–5 年；登记的必填',
    partyOrg: '是 或 否；留空按“否”',
    partyMembers: '整数；留空按 0',
    leader: '备案的必填',
    venue: '备案的必填',
    charter: '备案的必填：章程要点或存档位置',
    funds: '元；备案的留空按 0',
    area: '备案的必填',
    guideUnit: '备案的必填',
    filingNo: '备案的必填；与台账中相同即为同一组织',
    filedOn: '备案的必填',
  },
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
