// 儿童福利名册 as an import kind: one row per child (孤儿, 事实无人抚养儿童, 困境儿童 by kind, 农村留守儿童), matched by
// 身份证号码 to the register and, through `children.register`, linked to the case ledger's person with that number;
// guardian (监护人), payee (领款人, with the account) and the entrusted carer (委托照护) where the file gives them. The
// screen's rules hold: age limits (18; 16 for 留守 only), the parents' situation each category needs, a 留守 child's
// carer, dates not in the future, one file per child.
import { childrenApi } from '../../../../shared/api/children';
import { childrenHandlers } from '../../children';
import type { FieldDef } from '../fields';
import { isBlank } from '../values';
import { enumCell, ENUMS, listCell, listText, optDateCell, optText, phoneText, shownOf } from './cells';
import { personFields, personKind } from './persons';
import { defineKind, registerField } from './spec';

type F =
  | 'categories'
  | 'fatherStatus'
  | 'motherStatus'
  | 'placement'
  | 'school'
  | 'health'
  | 'guardianName'
  | 'guardianRelation'
  | 'guardianPhone'
  | 'payeeName'
  | 'payeeRelation'
  | 'payeeAccount'
  | 'carerName'
  | 'carerRelation'
  | 'carerPhone'
  | 'entrustedOn';

const f = registerField<F>;

export const CHILD_FIELDS = personFields<F>(
  {
    name: ['儿童姓名', '对象姓名', '人员姓名'],
    address: ['家庭住址', '地址', '家庭地址', '居住地址', '现住址'],
    registeredOn: ['认定日期', '纳入日期', '建档日期', '登记时间', '认定时间'],
  },
  [
    f('categories', '儿童类别', ['类别', '儿童类型', '对象类别', '保障类别', '人员类别', '类型', '困境类型']),
    f('fatherStatus', '父亲情况', ['父亲状况', '父亲状态', '父亲']),
    f('motherStatus', '母亲情况', ['母亲状况', '母亲状态', '母亲']),
    f('placement', '养育方式', ['安置方式', '抚养方式', '供养方式']),
    f('school', '就读学校', ['学校', '就学情况', '在读学校']),
    f('health', '健康状况', ['健康情况', '身体状况']),
    f('guardianName', '监护人', ['监护人姓名']),
    f('guardianRelation', '监护人关系', ['与监护人关系', '监护人与儿童关系', '与儿童关系']),
    f('guardianPhone', '监护人电话', ['监护人联系电话', '监护人手机']),
    f('payeeName', '领款人', ['领款人姓名', '代领人']),
    f('payeeRelation', '领款人关系', ['与领款人关系', '领款人与儿童关系']),
    f('payeeAccount', '领款账号', ['银行账号', '领款账户', '发放账号', '银行卡号', '社保卡号', '账号']),
    f('carerName', '受委托照护人', ['委托照护人', '照护人', '实际照料人', '照料人']),
    f('carerRelation', '照护人关系', ['与照护人关系', '照料人关系']),
    f('carerPhone', '照护人电话', ['照料人电话', '委托照护人电话']),
    f('entrustedOn', '委托照护日期', ['委托日期', '委托照护时间']),
  ] satisfies FieldDef<F>[],
);

const MASKED = /^\*+\s*[0-9A-Za-z]{0,4}$/u;

const sorted = (values: readonly string[]): string[] => [...new Set(values)].sort();

const spec = personKind({
  kind: 'children',
  title: '儿童福利名册',
  unit: '名儿童',
  fields: CHILD_FIELDS,
  required: ['categories'],
  notes: {
    idNumber:
      '18 位，按 GB 11643 校验。请把该列设为“文本”。与名册中在册儿童号码相同即为同一儿童；救助台账中有此号码的自动关联',
    categories:
      '孤儿、事实无人抚养儿童、困境儿童（重病）、困境儿童（重残）、困境儿童（家庭经济困难）、困境儿童（监护缺失或不当）、农村留守儿童，可多项，用顿号分隔；困境儿童须写明哪一类',
    fatherStatus:
      '在家（有监护能力）、死亡、失踪/失联、服刑在押/强制隔离戒毒、重残、重病、外出务工、不详；留空按“不详”。孤儿须父母均死亡或查找不到，留守儿童须父母外出务工（或一方外出、另一方无监护能力）',
    placement: '亲属抚养（散居）、机构养育（集中）、家庭寄养；可留空',
    payeeAccount: '领取补贴的银行账号；导出文件只显示末 4 位，这样的单元格视为未填写（不改动台账中的账号）',
    carerName: '农村留守儿童须填写受委托照护人（或监护人）',
    registeredOn:
      '如 2024-03-01；留空按导入当天（年龄按此日计算：留守儿童未满 16 周岁，其他未满 18 周岁）。已在册的儿童不因此列改动',
  },
  textColumns: ['idNumber', 'guardianPhone', 'payeeAccount', 'carerPhone', 'entrustedOn', 'registeredOn'],
  table: 'children',

  read(row, report, input) {
    const cats = listCell(row.get('categories'), ENUMS.childCategory);
    if (!cats.ok) report('categories', cats.message);
    else input.categories = sorted(cats.value);
    for (const parent of ['fatherStatus', 'motherStatus'] as const) {
      const cell = row.get(parent);
      if (isBlank(cell)) input[parent] = 'unknown';
      else {
        const s = enumCell(cell, { ...ENUMS.parentStatus, what: parent === 'fatherStatus' ? '父亲情况' : '母亲情况' });
        if (!s.ok) report(parent, s.message);
        else input[parent] = s.value;
      }
    }
    input.placement = null;
    if (!isBlank(row.get('placement'))) {
      const p = enumCell(row.get('placement'), ENUMS.childPlacement);
      if (!p.ok) report('placement', p.message);
      else input.placement = p.value;
    }
    for (const key of ['school', 'health', 'guardianName', 'guardianRelation', 'payeeName', 'payeeRelation'] as const) {
      input[key] = optText(row.get(key));
    }
    for (const key of ['carerName', 'carerRelation'] as const) input[key] = optText(row.get(key));
    input.guardianPhone = phoneText(row.get('guardianPhone'));
    input.carerPhone = phoneText(row.get('carerPhone'));
    const account = phoneText(row.get('payeeAccount'));
    // An export shows the account's last 4 digits only: such a cell is “not given” (the ledger's account stays).
    if (account === null || !MASKED.test(account)) input.payeeAccount = account;
    const entrusted = optDateCell(row.get('entrustedOn'), '委托照护日期');
    if (!entrusted.ok) report('entrustedOn', entrusted.message);
    else input.entrustedOn = entrusted.value;
  },

  load: (r) => ({
    categories: sorted(JSON.parse(r.categories) as string[]),
    fatherStatus: r.father_status,
    motherStatus: r.mother_status,
    placement: r.placement,
    school: r.school,
    health: r.health,
    guardianName: r.guardian_name,
    guardianRelation: r.guardian_relation,
    guardianPhone: r.guardian_phone,
    payeeName: r.payee_name,
    payeeRelation: r.payee_relation,
    payeeAccount: r.payee_account,
    carerName: r.carer_name,
    carerRelation: r.carer_relation,
    carerPhone: r.carer_phone,
    entrustedOn: r.entrusted_on,
  }),

  create: childrenHandlers['children.register'],
  update: { input: childrenApi['children.update'].input, run: childrenHandlers['children.update'] },

  toRow(c, s, fullIds) {
    const account = s('payeeAccount');
    return {
      categories: listText(c.categories as never[], ENUMS.childCategory),
      fatherStatus: shownOf(c.fatherStatus, ENUMS.parentStatus),
      motherStatus: shownOf(c.motherStatus, ENUMS.parentStatus),
      placement: c.placement ? shownOf(c.placement, ENUMS.childPlacement) : '',
      school: s('school'),
      health: s('health'),
      guardianName: s('guardianName'),
      guardianRelation: s('guardianRelation'),
      guardianPhone: s('guardianPhone'),
      payeeName: s('payeeName'),
      payeeRelation: s('payeeRelation'),
      payeeAccount: account === '' || fullIds ? account : `****${account.slice(-4)}`,
      carerName: s('carerName'),
      carerRelation: s('carerRelation'),
      carerPhone: s('carerPhone'),
      entrustedOn: s('entrustedOn'),
    };
  },

  shown(path, value) {
    if (path === 'categories') return shownOf(value, ENUMS.childCategory);
    if (path === 'fatherStatus' || path === 'motherStatus') return shownOf(value, ENUMS.parentStatus);
    if (path === 'placement') return shownOf(value, ENUMS.childPlacement);
    if (path === 'payeeAccount' && typeof value === 'string') return `****${value.slice(-4)}`;
    return null;
  },
});

export const childrenKind = defineKind(spec, childrenApi['children.register'].input);
