// zh-CN names of the report rows (the category codes are stable; see docs/REPORTS.md).
import type { ReportArea, ReportCategory } from '../../../shared/api/reports';
import { label, labels } from '../../../shared/labels';

export const CATEGORY_NAMES: Record<ReportCategory, string> = labels.reportCategory;

/** "城市最低生活保障", "农村特困人员（集中供养）" … */
export function rowLabel(category: ReportCategory, area: ReportArea): string {
  return `${label('area', area)}${CATEGORY_NAMES[category]}`;
}
