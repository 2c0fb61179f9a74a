// 养老服务设施台账 as an import kind: one row per facility (中心、站、互助点、助餐点、敬老院), matched to the ledger by
// name; created through `stations.facilities.create` and changed through `stations.facilities.update`, so the
// rules of the 设施 screen hold (统一社会信用代码 checked, 护理型床位 ≤ 床位总数, name unique, opening date not in the future).
import { facilityCreateInput, stationsApi } from '../../../../shared/api/stations';
import { badInput } from '../../../../shared/errors';
import { stationsHandlers } from '../../stations';
import type { FieldDef } from '../fields';
import { text } from '../values';
import {
  countCell,
  enumCell,
  ENUMS,
  inTableOrder,
  listCell,
  listText,
  optDateCell,
  optText,
  phoneText,
  shownOf,
} from './cells';

import {
  defineKind,
  fieldPathMap,
  readVillage,
  registerColumns,
  registerField,
  sharedSynonyms,
  type KindSpec,
} from './spec';

type F =
  | 'seq'
  | 'name'
  | 'type'
  | 'village'
  | 'address'
  | 'operatorName'
  | 'operatorUscc'
  | 'legalForm'
  | 'operatingModel'
  | 'premises'
  | 'contactName'
  | 'contactPhone'
  | 'bedsTotal'
  | 'bedsNursing'
  | 'bedsOccupied'
  | 'staffCount'
  | 'carerCount'
  | 'serviceItems'
  | 'status'
  | 'openedOn'
  | 'remark';

const f = registerField<F>;

export const FACILITY_FIELDS: readonly FieldDef<F>[] = registerColumns([
  f('name', '设施名称', ['名称', '机构名称', '站点名称', '养老机构名称', '服务设施名称', '中心(站)名称', '设施名']),
  f('type', '设施类型', ['类型', '类别', '设施类别', '机构类型', '站点类型']),
  f('village', '村(社区)', sharedSynonyms('village')),
  f('address', '地址', ['详细地址', '设施地址', '机构地址', '所在地址', '住所', '坐落位置']),
  f('operatorName', '运营方', ['运营方名称', '运营主体', '运营单位', '运营机构', '举办方', '举办单位', '法人单位']),
  f('operatorUscc', '统一社会信用代码', ['信用代码', '社会信用代码', '运营方统一社会信用代码', '统一代码']),
  f('legalForm', '单位性质', ['运营方性质', '法人性质', '登记类型', '机构性质']),
  f('operatingModel', '运营方式', ['运营模式', '经营方式', '管理方式']),
  f('premises', '用房性质', ['房屋性质', '用房来源', '产权性质']),
  f('contactName', '联系人', ['负责人', '站长', '院长']),
  f('contactPhone', '联系电话', ['电话', '手机', '联系方式', '电话号码']),
  f('bedsTotal', '床位总数', ['床位数', '床位', '总床位', '床位数(张)']),
  f('bedsNursing', '护理型床位数', ['护理型床位', '护理床位', '护理床位数']),
  f('bedsOccupied', '在住人数', ['入住人数', '在院人数', '在住老人数', '实际入住']),
  f('staffCount', '工作人员数', ['工作人员', '从业人员数', '员工数', '职工人数', '工作人员人数']),
  f('carerCount', '护理员数', ['护理员', '护理人员数', '养老护理员数']),
  f('serviceItems', '服务项目', ['服务内容', '开展服务', '服务功能']),
  f('status', '运营状态', ['状态', '运行状态', '营业状态']),
  f('openedOn', '开业日期', ['开办日期', '投入运营日期', '运营时间', '开业时间', '建成时间', '投用时间']),
  f('remark', '备注', ['说明']),
]);

const COUNTS = [
  ['bedsTotal', '床位总数'],
  ['bedsNursing', '护理型床位数'],
  ['bedsOccupied', '在住人数'],
  ['staffCount', '工作人员数'],
  ['carerCount', '护理员数'],
] as const;

const spec: KindSpec<F> = {
  kind: 'facilities',
  title: '养老服务设施台账',
  unit: '家设施',
  fields: FACILITY_FIELDS,
  keyFields: ['name'],
  requiredColumns: ['name', 'type', 'address', 'operatorName', 'legalForm', 'operatingModel'],
  columns: FACILITY_FIELDS.map((x) => x.key),
  notes: {
    name: '设施全称；与台账中运营中/建设中的设施同名即为同一设施（重新导入不会重复登记）',
    type: '养老服务中心、社区养老服务站、农村互助养老点、助餐点/老年食堂、敬老院/供养服务机构、其他养老服务设施',
    village: '所在村(社区)，可写简称；街道/乡镇级设施可留空',
    operatorUscc: '18 位，按 GB 32100 校验；运营方“未登记”的可留空',
    legalForm: '事业法人、民非法人、工商法人、未登记',
    operatingModel: '公办公营、公建民营、民办民营',
    premises: '自有、租赁、无偿使用、其他（可留空）',
    bedsTotal: '整数；留空按 0。护理型床位数、在住人数不能超过床位总数，护理员数不能超过工作人员数',
    serviceItems: '助餐、助浴、助医、日间照料、上门服务、助洁、助急、康复护理、短期托养、文化娱乐，多项用顿号分隔',
    status: '建设中 或 运营中；留空时有开业日期即为运营中。停止运营须在设施页面办理',
    openedOn: '运营中的设施必填，如 2023-05-01；建设中的留空',
  },
  textColumns: ['operatorUscc', 'contactPhone', 'openedOn'],
  personal: false,

  read(row, report, env) {
    const input: Record<string, unknown> = { name: text(row.get('name')) };
    const type = enumCell(row.get('type'), ENUMS.facilityType);
    if (!type.ok) report('type', type.message);
    else input.type = type.value;
    const village = readVillage(row, report, env, false);
    if (village !== undefined) input.villageId = village;
    input.address = text(row.get('address'));
    input.operatorName = text(row.get('operatorName'));
    input.operatorUscc = optText(row.get('operatorUscc'));
    const legal = enumCell(row.get('legalForm'), ENUMS.legalForm);
    if (!legal.ok) report('legalForm', legal.message);
    else input.legalForm = legal.value;
    const model = enumCell(row.get('operatingModel'), ENUMS.operatingModel);
    if (!model.ok) report('operatingModel', model.message);
    else input.operatingModel = model.value;
    input.premises = null;
    if (text(row.get('premises')) !== '') {
      const p = enumCell(row.get('premises'), ENUMS.premises);
      if (!p.ok) report('premises', p.message);
      else input.premises = p.value;
    }
    input.contactName = optText(row.get('contactName'));
    input.contactPhone = phoneText(row.get('contactPhone'));
    for (const [key, what] of COUNTS) {
      const c = countCell(row.get(key), what, 0);
      if (!c.ok) report(key, c.message);
      else input[key] = c.value;
    }
    const items = listCell(row.get('serviceItems'), ENUMS.serviceItem);
    if (!items.ok) report('serviceItems', items.message);
    else input.serviceItems = inTableOrder(items.value, ENUMS.serviceItem);
    const opened = optDateCell(row.get('openedOn'), '开业日期');
    if (!opened.ok) report('openedOn', opened.message);
    else input.openedOn = opened.value;
    input.status = opened.ok && opened.value !== null ? 'operating' : 'building';
    if (text(row.get('status')) !== '') {
      const s = enumCell(row.get('status'), ENUMS.facilityStatus);
      if (!s.ok) report('status', s.message);
      else if (s.value === 'closed') {
        report('status', '已停止运营的设施不导入（停止运营须在设施页面办理，写明日期和原因）');
      } else input.status = s.value;
    }
    input.remark = optText(row.get('remark'));
    return input;
  },

  fieldOfPath: fieldPathMap<F>(FACILITY_FIELDS, { villageId: 'village' }),
  pathsOf: (field) => (field === 'seq' ? [] : field === 'village' ? ['villageId'] : [field]),
  keys: (input) => [{ key: `name:${String(input.name)}`, field: 'name', shown: String(input.name) }],

  async load(ctx) {
    const rows = await ctx.db
      .selectFrom('facilities')
      .selectAll()
      .where('status', '!=', 'closed')
      .orderBy('name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      version: r.version,
      subject: r.name,
      current: {
        name: r.name,
        type: r.type,
        villageId: r.village_id,
        address: r.address,
        operatorName: r.operator_name,
        operatorUscc: r.operator_uscc,
        legalForm: r.legal_form,
        operatingModel: r.operating_model,
        premises: r.premises,
        contactName: r.contact_name,
        contactPhone: r.contact_phone,
        bedsTotal: r.beds_total,
        bedsNursing: r.beds_nursing,
        bedsOccupied: r.beds_occupied,
        staffCount: r.staff_count,
        carerCount: r.carer_count,
        serviceItems: inTableOrder(JSON.parse(r.service_items) as string[], ENUMS.serviceItem as never),
        status: r.status,
        openedOn: r.opened_on,
        remark: r.remark,
      },
    }));
  },

  async create(ctx, input) {
    await stationsHandlers['stations.facilities.create'](ctx, input as never);
  },

  fixedPaths: ['status', 'openedOn'],

  async update(ctx, existing, merged, reason) {
    const { status: _s, openedOn: _o, ...fields } = merged;
    const parsed = stationsApi['stations.facilities.update'].input.safeParse({
      ...fields,
      id: existing.id,
      version: existing.version,
      reason,
    });
    if (!parsed.success) throw badInput(parsed.error.issues[0]?.message ?? '输入有误');
    await stationsHandlers['stations.facilities.update'](ctx, parsed.data);
  },

  toRow(c, villageName) {
    return {
      name: c.name as string,
      type: shownOf(c.type, ENUMS.facilityType),
      village: c.villageId ? villageName(c.villageId as string) : '',
      address: c.address as string,
      operatorName: c.operatorName as string,
      operatorUscc: (c.operatorUscc as string | null) ?? '',
      legalForm: shownOf(c.legalForm, ENUMS.legalForm),
      operatingModel: shownOf(c.operatingModel, ENUMS.operatingModel),
      premises: c.premises ? shownOf(c.premises, ENUMS.premises) : '',
      contactName: (c.contactName as string | null) ?? '',
      contactPhone: (c.contactPhone as string | null) ?? '',
      bedsTotal: c.bedsTotal as number,
      bedsNursing: c.bedsNursing as number,
      bedsOccupied: c.bedsOccupied as number,
      staffCount: c.staffCount as number,
      carerCount: c.carerCount as number,
      serviceItems: listText(c.serviceItems as never[], ENUMS.serviceItem),
      status: shownOf(c.status, ENUMS.facilityStatus),
      openedOn: (c.openedOn as string | null) ?? '',
      remark: (c.remark as string | null) ?? '',
    };
  },

  shown(path, value) {
    const tables: Record<string, (typeof ENUMS)[keyof typeof ENUMS]> = {
      type: ENUMS.facilityType,
      legalForm: ENUMS.legalForm,
      operatingModel: ENUMS.operatingModel,
      premises: ENUMS.premises,
      serviceItems: ENUMS.serviceItem,
      status: ENUMS.facilityStatus,
    };
    return shownOf(value, tables[path]);
  },
};

export const facilitiesKind = defineKind(spec, facilityCreateInput);
