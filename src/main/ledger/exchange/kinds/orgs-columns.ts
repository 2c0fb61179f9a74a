// The columns of 社会组织名册: each column's label and the other names a clerk's sheet gives it, the template's notes,
// the label tables of 登记或备案 and the two kinds of organisation, and the fields of the screen's 登记 and 备案 forms
// (the paths a row gives and the import compares). orgs.ts reads, compares and writes the rows.
import { orgLabels } from '../../../../shared/api/orgs';
import type { FieldDef } from '../fields';
import type { EnumTable } from './cells';
import { registerColumns, registerField } from './spec';

export type OrgField =
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

const f = registerField<OrgField>;

export const ORG_FIELDS: readonly FieldDef<OrgField>[] = registerColumns([
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
]);

export type Registry = 'registered' | 'community';

export const REGISTRY: EnumTable<Registry> = {
  what: '登记或备案',
  labels: { registered: '登记', community: '备案' },
  patterns: [
    [/备案|社区社会组织|社区/, 'community'],
    [/登记|民政/, 'registered'],
  ],
};
export const KIND: EnumTable<'association' | 'service' | 'foundation'> = {
  what: '组织类型',
  labels: { association: '社会团体', service: '社会服务机构', foundation: '基金会' },
  patterns: [
    [/基金会/, 'foundation'],
    [/社会服务机构|民办非企业|民非|服务中心/, 'service'],
    [/社会团体|社团|协会|商会|学会|研究会|联合会/, 'association'],
  ],
};
export const COMMUNITY_TYPE: EnumTable<keyof typeof orgLabels.communityType> = {
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
export const REGISTERED_PATHS = [
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
export const COMMUNITY_PATHS = [
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
export const FIXED = ['name', 'legalRep', 'domicile', 'leader', 'venue', 'kind', 'communityType'];

export const isCommunity = (input: Record<string, unknown>): boolean => 'communityType' in input || 'filingNo' in input;

/** The template's notes: how to fill each column. */
export const ORG_NOTES: Partial<Record<OrgField, string>> = {
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
};
