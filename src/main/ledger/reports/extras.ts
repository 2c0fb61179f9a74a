// Figures of the other ledgers for the package: 养老服务 (stations/figures.ts) and 社会组织 (orgs/figures.ts),
// turned into 指标/单位/数量 sections (one workbook sheet each), plus their cross-check: every operating facility has
// entered the month's figures.
import type { Kysely } from 'kysely';
import { orgLabel } from '../../../shared/api/orgs';
import type { ExtraFigureSection, ReportCheck } from '../../../shared/api/reports';
import { label } from '../../../shared/labels';
import type { DB } from '../db/schema';
import { computeOrgFigures } from '../orgs/figures';
import { computeElderlyFigures } from '../stations/figures';

export interface ExtraFigures {
  sections: ExtraFigureSection[];
  checks: ReportCheck[];
}

const pct = (p: number | null): number => p ?? 0;

export async function extraFigures(db: Kysely<DB>, month: string): Promise<ExtraFigures> {
  const e = await computeElderlyFigures(db, month);
  const o = await computeOrgFigures(db, month);
  const elderly: ExtraFigureSection = {
    title: '养老服务',
    rows: [
      { label: '养老服务设施（月末）', value: e.facilities.total, unit: '个' },
      { label: '  其中：运营中', value: e.facilities.byStatus.operating, unit: '个' },
      { label: '        建设中', value: e.facilities.byStatus.building, unit: '个' },
      { label: '        停止运营', value: e.facilities.byStatus.closed, unit: '个' },
      ...e.facilities.byType.map((t) => ({ label: `  ${label('facilityType', t.type)}`, value: t.total, unit: '个' })),
      { label: '当月新投入运营', value: e.facilities.openedInMonth, unit: '个' },
      { label: '当月停止运营', value: e.facilities.closedInMonth, unit: '个' },
      { label: '床位数（运营中设施）', value: e.beds.total, unit: '张' },
      { label: '  其中：护理型床位', value: e.beds.nursing, unit: '张' },
      { label: '月末在住人数', value: e.beds.occupied, unit: '人' },
      { label: '助餐服务', value: e.meals.served, unit: '人次' },
      { label: '  其中：享受助餐补贴', value: e.meals.subsidised, unit: '人次' },
      { label: '特殊困难老年人（月末在册）', value: e.elderly.total, unit: '人' },
      ...Object.entries(e.elderly.byCategory).map(([k, v]) => ({
        label: `  ${label('elderlyCategory', k)}`,
        value: v,
        unit: '人',
      })),
      ...Object.entries(e.elderly.byRisk).map(([k, v]) => ({
        label: `  ${label('riskLevel', k)}`,
        value: v,
        unit: '人',
      })),
      { label: '当月应探访', value: e.visits.due, unit: '人' },
      { label: '当月已探访', value: e.visits.done, unit: '人' },
      { label: '探访率', value: e.visits.rate === null ? 0 : Math.round(e.visits.rate * 1000) / 10, unit: '%' },
      { label: '当月探访记录', value: e.visits.records, unit: '次' },
    ],
  };
  const orgs: ExtraFigureSection = {
    title: '社会组织',
    rows: [
      { label: `登记社会组织（截至 ${o.asOf}）`, value: o.registered.total, unit: '个' },
      ...Object.entries(o.registered.byKind).map(([k, v]) => ({
        label: `  ${orgLabel('kind', k)}`,
        value: v,
        unit: '个',
      })),
      { label: '  其中：正常', value: o.registered.byStatus.normal, unit: '个' },
      { label: '当月新登记', value: o.registered.newThisMonth, unit: '个' },
      { label: '当月注销/撤销', value: o.registered.endedThisMonth, unit: '个' },
      { label: '社区社会组织（备案）', value: o.community.total, unit: '个' },
      ...Object.entries(o.community.byType).map(([k, v]) => ({
        label: `  ${orgLabel('communityType', k)}`,
        value: v,
        unit: '个',
      })),
      { label: '当月新备案', value: o.community.newThisMonth, unit: '个' },
      { label: `${o.inspection.year} 年度年检应参检`, value: o.inspection.expected, unit: '个' },
      { label: '  已参检', value: o.inspection.participated, unit: '个' },
      { label: '  参检率', value: pct(o.inspection.participation.percent), unit: '%' },
      { label: '  合格', value: o.inspection.pass, unit: '个' },
      { label: '  基本合格', value: o.inspection.basic, unit: '个' },
      { label: '  不合格', value: o.inspection.fail, unit: '个' },
      { label: '评估等级有效的组织占比', value: pct(o.rating.rate.percent), unit: '%' },
      ...Object.entries(o.rating.byGrade).map(([g, v]) => ({ label: `  ${g}A 级`, value: v, unit: '个' })),
      { label: '建立党组织的社会组织', value: o.party.orgsWithPartyOrg, unit: '个' },
      { label: '党员人数', value: o.party.partyMembers, unit: '人' },
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
  return { sections: [elderly, orgs], checks };
}
