// zh-CN names of the report rows (the category codes are stable; see docs/REPORTS.md).
import type { ReportArea, ReportCategory } from '../../../shared/api/reports';
import { label } from '../../../shared/labels';

export const CATEGORY_NAMES: Record<ReportCategory, string> = {
  dibao: '最低生活保障',
  tekun_centralized: '特困人员（集中供养）',
  tekun_dispersed: '特困人员（分散供养）',
  linshi: '临时救助',
  bianyuan: '低保边缘家庭',
  gangxing: '刚性支出困难家庭',
  canji_living: '困难残疾人生活补贴',
  canji_care: '重度残疾人护理补贴',
  guer_centralized: '孤儿（集中养育）',
  guer_dispersed: '孤儿（社会散居）',
  wurenfuyang: '事实无人抚养儿童',
};

/** "城市最低生活保障", "农村特困人员（集中供养）" … */
export function rowLabel(category: ReportCategory, area: ReportArea): string {
  return `${label('area', area)}${CATEGORY_NAMES[category]}`;
}
