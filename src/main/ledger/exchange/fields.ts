// The columns an import understands, per ledger, with the header texts clerks use for each (the synonym table,
// documented in docs/IMPORT.md). Header texts are compared after `headerKey` folding, so 村（居） = 村(居) and
// “身份证号码 ” = 身份证号码.
import { toHalfWidth } from '../../../shared/text';

export type CaseField =
  | 'seq'
  | 'householdNo'
  | 'village'
  | 'headName'
  | 'name'
  | 'relation'
  | 'idNumber'
  | 'sex'
  | 'category'
  | 'area'
  | 'supportMode'
  | 'careGrade'
  | 'persons'
  | 'amount'
  | 'baseAmount'
  | 'supplementAmount'
  | 'appliedOn'
  | 'startMonth'
  | 'stopMonth'
  | 'stopReason'
  | 'status'
  | 'caseNo'
  | 'address'
  | 'phone';

export interface FieldDef<F extends string = string> {
  key: F;
  /** The header written in templates and exports, and shown in the mapping screen. */
  label: string;
  synonyms: readonly string[];
  /** Household fields may be left blank (or merged) below the first member row of a household. */
  level: 'household' | 'member' | 'none';
}

export const CASE_FIELDS: readonly FieldDef<CaseField>[] = [
  { key: 'seq', label: '序号', synonyms: ['序号', '编号', '序'], level: 'none' },
  {
    key: 'householdNo',
    label: '户号',
    synonyms: ['户号', '户编号', '家庭编号', '户序号', '家庭户号', '户代码'],
    level: 'none',
  },
  {
    key: 'village',
    label: '村(社区)',
    synonyms: [
      '村(社区)',
      '村',
      '社区',
      '村居',
      '村(居)',
      '所属村居',
      '所属村(居)',
      '所属村',
      '所属社区',
      '所在村',
      '所在村(居)',
      '所在社区',
      '村(居)委会',
      '村委会',
      '居委会',
      '村别',
      '村社区',
      '村/社区',
      '所属村(社区)',
      '村(居)名称',
      '村名',
    ],
    level: 'household',
  },
  { key: 'headName', label: '户主姓名', synonyms: ['户主姓名', '户主', '户主名字', '户主名'], level: 'household' },
  {
    key: 'name',
    label: '姓名',
    synonyms: [
      '姓名',
      '成员姓名',
      '家庭成员姓名',
      '家庭成员',
      '保障对象姓名',
      '救助对象姓名',
      '对象姓名',
      '保障对象',
      '救助对象',
      '人员姓名',
      '享受人姓名',
    ],
    level: 'member',
  },
  {
    key: 'relation',
    label: '与户主关系',
    synonyms: ['与户主关系', '与户主的关系', '关系', '家庭关系', '成员关系'],
    level: 'member',
  },
  {
    key: 'idNumber',
    label: '身份证号码',
    synonyms: [
      '身份证号码',
      '身份证号',
      '公民身份号码',
      '证件号码',
      '身份证',
      '身份号码',
      '证件号',
      '身份证件号码',
      '身份证件号',
      '公民身份证号码',
      '居民身份证号码',
    ],
    level: 'member',
  },
  { key: 'sex', label: '性别', synonyms: ['性别'], level: 'member' },
  {
    key: 'category',
    label: '保障类别',
    synonyms: [
      '保障类别',
      '救助类别',
      '类别',
      '救助类型',
      '保障类型',
      '对象类别',
      '人员类别',
      '类型',
      '救助项目',
      '保障项目',
    ],
    level: 'household',
  },
  {
    key: 'area',
    label: '城乡',
    synonyms: ['城乡', '城乡类别', '城乡属性', '户籍性质', '户口性质', '城市/农村', '城乡分类'],
    level: 'household',
  },
  {
    key: 'supportMode',
    label: '供养方式',
    synonyms: ['供养方式', '供养形式', '集中/分散', '集中或分散'],
    level: 'household',
  },
  {
    key: 'careGrade',
    label: '照料护理等级',
    synonyms: ['照料护理等级', '护理等级', '照料等级', '生活自理能力'],
    level: 'household',
  },
  {
    key: 'persons',
    label: '保障人数',
    synonyms: ['保障人数', '保障人口', '保障人口数', '享受人数', '救助人数', '保障人员数', '享受人口'],
    level: 'household',
  },
  {
    key: 'amount',
    label: '月保障金(元)',
    synonyms: [
      '月保障金',
      '保障金额',
      '月救助金额',
      '保障金',
      '月保障金额',
      '救助金额',
      '月发放金额',
      '发放金额',
      '月补助金额',
      '补助金额',
      '保障金合计',
      '保障金额合计',
      '合计金额',
      '月救助金',
      '救助金',
      '补贴金额',
      '月补贴金额',
      '金额',
      '合计(户/月)',
      '户月合计',
    ],
    level: 'household',
  },
  {
    key: 'baseAmount',
    label: '基础保障金(元)',
    synonyms: ['基础保障金', '基本保障金', '低保金', '基本生活费', '基本生活补贴', '保障金额基础保障金', '基础金额'],
    level: 'household',
  },
  {
    key: 'supplementAmount',
    label: '分类施保金(元)',
    synonyms: [
      '分类施保金',
      '分类施保',
      '分类施保金额',
      '照料护理费',
      '照料护理补贴',
      '护理补贴',
      '加发金额',
      '保障金额分类施保',
      '家庭分类施保',
      '人员分类施保',
    ],
    level: 'household',
  },
  {
    key: 'appliedOn',
    label: '申请日期',
    synonyms: ['申请日期', '申请时间', '受理日期', '受理时间'],
    level: 'household',
  },
  {
    key: 'startMonth',
    label: '享受起始月份',
    synonyms: [
      '享受起始时间',
      '享受起始月份',
      '纳入时间',
      '纳入月份',
      '起始月份',
      '起始时间',
      '开始时间',
      '开始月份',
      '享受时间',
      '救助开始时间',
      '救助开始月份',
      '保障起始时间',
      '保障起始月份',
      '发放起始月份',
      '享受起始年月',
      '起始年月',
      '纳入保障时间',
      '享受日期',
    ],
    level: 'household',
  },
  {
    key: 'stopMonth',
    label: '停保月份',
    synonyms: [
      '停保时间',
      '停保月份',
      '退出时间',
      '退出月份',
      '停发时间',
      '停发月份',
      '终止时间',
      '终止月份',
      '停止时间',
      '停止月份',
      '注销时间',
      '停保日期',
      '退出日期',
    ],
    level: 'household',
  },
  {
    key: 'stopReason',
    label: '停保原因',
    synonyms: ['停保原因', '退出原因', '终止原因', '停发原因'],
    level: 'household',
  },
  { key: 'status', label: '状态', synonyms: ['状态', '保障状态', '在保状态', '享受状态'], level: 'household' },
  {
    key: 'caseNo',
    label: '证号',
    synonyms: [
      '证号',
      '低保证号',
      '保障证号',
      '救助证号',
      '特困证号',
      '供养证号',
      '低保(五保)证号',
      '证书编号',
      '证件编号',
    ],
    level: 'household',
  },
  {
    key: 'address',
    label: '家庭住址',
    synonyms: ['家庭住址', '住址', '地址', '家庭地址', '居住地址', '现住址'],
    level: 'household',
  },
  {
    key: 'phone',
    label: '联系电话',
    synonyms: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', '电话号码'],
    level: 'household',
  },
];

/**
 * The comparable form of a header text: full-width folded, all whitespace and line breaks removed, brackets and
 * slashes unified, and a trailing unit note dropped (月保障金（元） = 月保障金, 金额(元/月) = 金额).
 */
export function headerKey(text: string): string {
  let s = toHalfWidth(text)
    .replace(/\s+/gu, '')
    .replace(/[【〔［]/gu, '(')
    .replace(/[】〕］]/gu, ')')
    .replace(/[／、]/gu, '/')
    .replace(/[*＊:：]/gu, '');
  s = s.replace(/\((元|元\/月|元\/户|元\/人|元\/户\/月|元\/人\/月|月|人|户|万元|yyyy-mm|年月|年-月)\)$/iu, '');
  return s.toLowerCase();
}

export interface FieldTable<F extends string> {
  fields: readonly FieldDef<F>[];
  bySynonym: ReadonlyMap<string, F>;
  byKeyOrLabel: ReadonlyMap<string, F>;
}

export function fieldTable<F extends string>(fields: readonly FieldDef<F>[]): FieldTable<F> {
  const bySynonym = new Map<string, F>();
  const byKeyOrLabel = new Map<string, F>();
  for (const f of fields) {
    for (const s of [f.label, ...f.synonyms]) if (!bySynonym.has(headerKey(s))) bySynonym.set(headerKey(s), f.key);
    byKeyOrLabel.set(f.key.toLowerCase(), f.key);
    byKeyOrLabel.set(headerKey(f.label), f.key);
  }
  return { fields, bySynonym, byKeyOrLabel };
}

export const caseFieldTable = fieldTable(CASE_FIELDS);
