// Figures of the other ledgers for the package: 养老服务 (stations/figures.ts plus the facilities grouped as the
// national forms group them) and 社会组织 (orgs/figures.ts), turned into 指标/单位/数量 sections (one workbook sheet
// each), plus their cross-check: every operating facility has entered the month's figures. What the forms count
// but the ledger does not record is said so in the section's notes, never printed as 0.
import type { Kysely } from 'kysely';
import { orgLabel } from '../../../shared/api/orgs';
import type { ExtraFigureSection, ReportCheck } from '../../../shared/api/reports';
import { label } from '../../../shared/labels';
import type { DB } from '../db';
import { linshiGoodsValue } from '../aid';
import { childFigures, CHILD_CATEGORY_LABEL } from '../children';
import { computeOrgFigures } from '../orgs';
import { computeElderlyFigures, facilityStatusOn, monthEnd, type FacilityType } from '../stations';

export interface ExtraFigures {
  sections: ExtraFigureSection[];
  checks: ReportCheck[];
}

const pct = (p: number | null): number => p ?? 0;

/** The national forms' groups of elderly-care facilities (提供住宿的养老机构 / 社区养老 / 农村互助型). */
export const FACILITY_GROUPS: { key: string; name: string; types: FacilityType[] }[] = [
  { key: 'institution', name: '养老机构（含特困人员供养机构）', types: ['nursing_home'] },
  { key: 'community', name: '社区养老机构和设施', types: ['center', 'station', 'meal_point'] },
  { key: 'mutual', name: '社区互助型养老设施（农村）', types: ['mutual_aid'] },
  { key: 'other', name: '其他养老服务设施', types: ['other'] },
];

interface GroupFigures {
  operating: number;
  beds: number;
  nursing: number;
  occupied: number;
}

async function facilityGroups(db: Kysely<DB>, month: string): Promise<Map<string, GroupFigures>> {
  const end = monthEnd(month);
  const facilities = await db
    .selectFrom('facilities')
    .select(['id', 'type', 'opened_on', 'closed_on', 'created_at', 'beds_total', 'beds_nursing'])
    .execute();
  const months = await db
    .selectFrom('facility_months')
    .select(['facility_id', 'beds_occupied'])
    .where('month', '=', month)
    .execute();
  const occupied = new Map(months.map((m) => [m.facility_id, m.beds_occupied]));
  const out = new Map<string, GroupFigures>(
    FACILITY_GROUPS.map((g) => [g.key, { operating: 0, beds: 0, nursing: 0, occupied: 0 }]),
  );
  for (const f of facilities) {
    if (facilityStatusOn(f, end) !== 'operating') continue;
    const g = FACILITY_GROUPS.find((x) => x.types.includes(f.type)) ?? FACILITY_GROUPS[3];
    const o = g ? out.get(g.key) : undefined;
    if (!o) continue;
    o.operating += 1;
    o.beds += f.beds_total;
    o.nursing += f.beds_nursing;
    o.occupied += occupied.get(f.id) ?? 0;
  }
  return out;
}

export async function extraFigures(db: Kysely<DB>, month: string): Promise<ExtraFigures> {
  const e = await computeElderlyFigures(db, month);
  const o = await computeOrgFigures(db, month);
  const groups = await facilityGroups(db, month);
  const mealSubsidy = await db
    .selectFrom('elderly_services')
    .select((eb) => eb.fn.count<number>('elderly_id').distinct().as('n'))
    .where('kind', '=', 'meal')
    .where('month', '=', month)
    .where('voided', '=', 0)
    .where('subsidy_fen', '>', 0)
    .executeTakeFirstOrThrow();

  const groupRows = FACILITY_GROUPS.flatMap((g) => {
    const f = groups.get(g.key) ?? { operating: 0, beds: 0, nursing: 0, occupied: 0 };
    if (g.key === 'other' && f.operating === 0) return [];
    return [
      { group: g.name, label: '运营中的机构（设施）数', value: f.operating, unit: '个' },
      { group: g.name, label: '床位数', value: f.beds, unit: '张' },
      { group: g.name, label: '  其中：护理型床位', value: f.nursing, unit: '张' },
      { group: g.name, label: '月末在住（服务）人数', value: f.occupied, unit: '人' },
    ];
  });
  const local = '补充资料（本地指标）';
  const elderly: ExtraFigureSection = {
    title: '养老服务',
    formTitle: '养老服务统计表',
    rows: [
      ...groupRows,
      { group: local, label: '养老服务设施（月末，含建设中、停止运营）', value: e.facilities.total, unit: '个' },
      { group: local, label: '  其中：运营中', value: e.facilities.byStatus.operating, unit: '个' },
      { group: local, label: '        建设中', value: e.facilities.byStatus.building, unit: '个' },
      { group: local, label: '        停止运营', value: e.facilities.byStatus.closed, unit: '个' },
      ...e.facilities.byType.map((t) => ({
        group: local,
        label: `  ${label('facilityType', t.type)}`,
        value: t.total,
        unit: '个',
      })),
      { group: local, label: '当月新投入运营', value: e.facilities.openedInMonth, unit: '个' },
      { group: local, label: '当月停止运营', value: e.facilities.closedInMonth, unit: '个' },
      { group: local, label: '助餐服务', value: e.meals.served, unit: '人次' },
      { group: local, label: '  其中：享受助餐补贴', value: e.meals.subsidised, unit: '人次' },
      { group: local, label: '享受助餐补贴的老年人', value: Number(mealSubsidy.n), unit: '人' },
      { group: local, label: '特殊困难老年人（月末在册）', value: e.elderly.total, unit: '人' },
      ...Object.entries(e.elderly.byCategory).map(([k, v]) => ({
        group: local,
        label: `  ${label('elderlyCategory', k)}`,
        value: v,
        unit: '人',
      })),
      ...Object.entries(e.elderly.byRisk).map(([k, v]) => ({
        group: local,
        label: `  ${label('riskLevel', k)}`,
        value: v,
        unit: '人',
      })),
      { group: local, label: '当月应探访', value: e.visits.due, unit: '人' },
      { group: local, label: '当月已探访', value: e.visits.done, unit: '人' },
      {
        group: local,
        label: '探访率',
        value: e.visits.rate === null ? 0 : Math.round(e.visits.rate * 1000) / 10,
        unit: '%',
      },
      { group: local, label: '当月探访记录', value: e.visits.records, unit: '次' },
    ],
    notes: [
      '说明：1. 养老机构含特困人员供养机构（敬老院、供养服务机构）；社区养老机构和设施含街道/乡镇养老服务中心、社区养老服务站、助餐点；社区互助型养老设施（农村）指农村互助养老点、睦邻点。床位数为运营中机构（设施）的床位；在住人数取各机构当月填报数。',
      '2. 老年人福利：享受高龄补贴、护理补贴、养老服务补贴、综合补贴的老年人数，本台账未登记（由县级发放系统统计），本表不填报；助餐补贴见补充资料。',
      '3. 补充资料中的运营状态、助餐、特殊困难老年人与探访为本地指标，国家统计报表无此项目。',
    ],
  };
  const reg = '登记的社会组织（国家统计报表口径）';
  const com = '补充资料（本地指标）';
  const orgs: ExtraFigureSection = {
    title: '社会组织',
    formTitle: '社会组织统计表',
    rows: [
      { group: reg, label: `社会组织（截至 ${o.asOf}，住所在本辖区）`, value: o.registered.total, unit: '个' },
      ...Object.entries(o.registered.byKind).map(([k, v]) => ({
        group: reg,
        label: `  ${orgLabel('kind', k)}`,
        value: v,
        unit: '个',
      })),
      { group: com, label: '登记社会组织：状态正常', value: o.registered.byStatus.normal, unit: '个' },
      { group: com, label: '当月新登记', value: o.registered.newThisMonth, unit: '个' },
      { group: com, label: '当月注销/撤销', value: o.registered.endedThisMonth, unit: '个' },
      { group: com, label: '社区社会组织（备案）', value: o.community.total, unit: '个' },
      ...Object.entries(o.community.byType).map(([k, v]) => ({
        group: com,
        label: `  ${orgLabel('communityType', k)}`,
        value: v,
        unit: '个',
      })),
      { group: com, label: '当月新备案', value: o.community.newThisMonth, unit: '个' },
      { group: com, label: `${o.inspection.year} 年度年检应参检`, value: o.inspection.expected, unit: '个' },
      { group: com, label: '  已参检', value: o.inspection.participated, unit: '个' },
      { group: com, label: '  合格', value: o.inspection.pass, unit: '个' },
      { group: com, label: '  基本合格', value: o.inspection.basic, unit: '个' },
      { group: com, label: '  不合格', value: o.inspection.fail, unit: '个' },
      { group: com, label: '年检参检率', value: pct(o.inspection.participation.percent), unit: '%' },
      ...Object.entries(o.rating.byGrade).map(([g, v]) => ({
        group: com,
        label: `评估等级 ${g}A 级`,
        value: v,
        unit: '个',
      })),
      { group: com, label: '评估等级有效的组织占比', value: pct(o.rating.rate.percent), unit: '%' },
      { group: com, label: '建立党组织的社会组织', value: o.party.orgsWithPartyOrg, unit: '个' },
      { group: com, label: '党员人数', value: o.party.partyMembers, unit: '人' },
    ],
    notes: [
      '说明：乡镇（街道）不办理登记；社会组织数为住所在本辖区的登记社会组织（社会团体、社会服务机构、基金会）。社区社会组织备案、年检、评估、党建为本地指标。',
    ],
  };
  const missing = e.missingMonthly;
  const checks: ReportCheck[] = [
    missing.length === 0
      ? { code: 'elderly_monthly', name: '运营中的养老服务设施均已填报本月数据', ok: true, message: '均已填报' }
      : {
          code: 'elderly_monthly',
          name: '运营中的养老服务设施均已填报本月数据',
          ok: false,
          message: `未填报：${missing
            .slice(0, 5)
            .map((m) => m.name)
            .join('、')}${missing.length > 5 ? ` 等 ${missing.length} 个` : ''}`,
        },
  ];
  return { sections: [elderly, orgs, await childrenSection(db, month), await goodsSection(db, month)], checks };
}

/**
 * 儿童福利 (the register of children in difficulty): counts at the month's end by category, 孤儿 by 集中养育/社会散居,
 * visits due and done in the month. A child in several categories is counted in each and once in 在册儿童.
 */
async function childrenSection(db: Kysely<DB>, month: string): Promise<ExtraFigureSection> {
  const f = await childFigures({ db }, month);
  const group = '困境儿童一人一档（月末在册）';
  return {
    title: '儿童福利',
    formTitle: '儿童福利统计表（困境儿童、留守儿童）',
    rows: [
      { group, label: '在册儿童', value: f.total.children, unit: '人' },
      ...(Object.keys(f.total.counts) as (keyof typeof f.total.counts)[]).map((k) => ({
        group,
        label: `  其中：${CHILD_CATEGORY_LABEL[k]}`,
        value: f.total.counts[k],
        unit: '人',
      })),
      { group: '孤儿养育方式', label: '集中养育', value: f.orphansCentralized, unit: '人' },
      { group: '孤儿养育方式', label: '社会散居', value: f.orphansDispersed, unit: '人' },
      { group: '探访', label: '本月应探访', value: f.total.visitsDue, unit: '人' },
      { group: '探访', label: '本月已探访', value: f.total.visitsDone, unit: '人' },
    ],
    notes: [
      '一名儿童可属多个类别，分类人数之和可大于在册儿童人数。孤儿、事实无人抚养儿童的基本生活费人数和金额见“社会救助月报”的儿童福利部分（按保障案件统计）。',
      ...f.rows.map(
        (r) => `${r.villageName}：在册 ${r.children} 人，本月应探访 ${r.visitsDue} 人、已探访 ${r.visitsDone} 人`,
      ),
    ],
  };
}

/** 临时救助 given in goods, counted at value and shown apart from the cash spending (补充资料). */
async function goodsSection(db: Kysely<DB>, month: string): Promise<ExtraFigureSection> {
  const g = await linshiGoodsValue(db, month);
  const group = '补充资料（临时救助实物，不含现金）';
  return {
    title: '救助物资',
    formTitle: '临时救助实物发放情况',
    rows: [
      { group, label: '发放实物的临时救助（案件数）', value: g.grants, unit: '件' },
      { group, label: '实物折价金额', value: Math.round(g.valueFen) / 100, unit: '元' },
    ],
    notes: ['实物按入库平均单价折价；临时救助现金支出见“临时救助”表，两者不相加。慈善帮扶不计入政府救助统计。'],
  };
}
