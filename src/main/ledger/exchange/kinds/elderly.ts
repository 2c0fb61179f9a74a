// 特殊困难老年人名册 as an import kind: one row per person, matched by 身份证号码 to the register (and, through
// `elderly.register`, linked to the case ledger's person with that number, whose name must agree); the screen's rules
// hold: 60 周岁 on the registration date, not already on the register, dates not in the future.
import { elderlyRegisterInput, stationsApi } from '../../../../shared/api/stations';
import { stationsHandlers } from '../../stations';
import type { FieldDef } from '../fields';
import { isBlank } from '../values';
import { enumCell, ENUMS, inTableOrder, listCell, listText, optText, phoneText, shownOf } from './cells';
import { personFields, personKind } from './persons';
import { defineKind, registerField } from './spec';

type F = 'phone' | 'categories' | 'riskLevel' | 'contactName' | 'contactPhone';

const f = registerField<F>;

export const ELDERLY_FIELDS = personFields<F>(
  {
    name: ['老人姓名', '老年人姓名', '对象姓名', '人员姓名', '服务对象', '服务对象姓名'],
    address: ['家庭住址', '地址', '家庭地址', '居住地址', '现住址', '居住地'],
    registeredOn: ['纳入日期', '纳入时间', '登记时间', '建档日期', '建档时间'],
  },
  [
    f('phone', '联系电话', ['电话', '本人电话', '手机', '手机号码', '老人电话']),
    f('categories', '类别', ['老人类别', '特殊困难类型', '困难类型', '困难类别', '人员类别', '对象类别', '类型']),
    f('riskLevel', '风险等级', ['风险级别', '关爱等级', '探访等级', '等级']),
    f('contactName', '赡养人/紧急联系人', ['赡养人', '紧急联系人', '监护人', '联系人', '子女姓名', '赡养人姓名']),
    f('contactPhone', '联系人电话', ['赡养人电话', '紧急联系人电话', '监护人电话', '子女电话', '联系人联系电话']),
  ] satisfies FieldDef<F>[],
);

const spec = personKind({
  kind: 'elderly',
  title: '特殊困难老年人名册',
  unit: '人',
  fields: ELDERLY_FIELDS,
  required: ['categories'],
  notes: {
    name: '与救助台账中同一身份证号码的姓名须一致（登记时自动关联）',
    idNumber:
      '18 位，按 GB 11643 校验；登记日期时应年满 60 周岁。请把该列设为“文本”。与名册中在册的人号码相同即为同一人',
    sex: '可不填；填写的与身份证号码不符时以号码为准',
    village: '本街道/乡镇的村(社区)，可写简称',
    categories: '独居、空巢、留守、失能、重残、计生特殊家庭，可多项，用顿号分隔',
    riskLevel: '高风险、重点、一般；留空按“一般”（决定探访频次）',
    registeredOn: '如 2024-03-01；留空按导入当天。已在册的人不因此列改动',
  },
  textColumns: ['idNumber', 'phone', 'contactPhone', 'registeredOn'],
  table: 'elderly_people',

  read(row, report, input) {
    input.phone = phoneText(row.get('phone'));
    const cats = listCell(row.get('categories'), ENUMS.elderlyCategory);
    if (!cats.ok) report('categories', cats.message);
    else input.categories = inTableOrder(cats.value, ENUMS.elderlyCategory);
    input.riskLevel = 'general';
    if (!isBlank(row.get('riskLevel'))) {
      const r = enumCell(row.get('riskLevel'), ENUMS.riskLevel);
      if (!r.ok) report('riskLevel', r.message);
      else input.riskLevel = r.value;
    }
    input.contactName = optText(row.get('contactName'));
    input.contactPhone = phoneText(row.get('contactPhone'));
  },

  load: (r) => ({
    phone: r.phone,
    categories: inTableOrder(JSON.parse(r.categories) as never[], ENUMS.elderlyCategory),
    riskLevel: r.risk_level,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
  }),

  create: stationsHandlers['elderly.register'],
  update: { input: stationsApi['elderly.update'].input, run: stationsHandlers['elderly.update'] },

  toRow: (c, s) => ({
    phone: s('phone'),
    categories: listText(c.categories as never[], ENUMS.elderlyCategory),
    riskLevel: shownOf(c.riskLevel, ENUMS.riskLevel),
    contactName: s('contactName'),
    contactPhone: s('contactPhone'),
  }),

  shown(path, value) {
    if (path === 'categories') return shownOf(value, ENUMS.elderlyCategory);
    if (path === 'riskLevel') return shownOf(value, ENUMS.riskLevel);
    return null;
  },
});

export const elderlyKind = defineKind(spec, elderlyRegisterInput);
