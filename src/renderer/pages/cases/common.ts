// Small helpers shared by the 社会救助 pages: dates in China time, money text, labels for enums the contract keeps
// in English, and the villages for selects.
import type { CaseStatusValue, Category, DueTask } from '../../../shared/api/cases';
import { label, labelOptions, labels } from '../../../shared/labels';
import { yuan } from '../../lib/format';
import { useCall } from '../../lib/useCall';

// Today, this month and month arithmetic come from the one clock (China time), under the names the pages use.
export { today as todayCn, thisMonth as thisMonthCn, addMonths as shiftMonth } from '../../../shared/time';

export { yuan };

export const categoryOptions = labelOptions('caseCategory');
export const catLabel = (c: Category): string => label('caseCategory', c);

export const statusColor: Record<CaseStatusValue, string> = {
  applied: 'gray',
  investigating: 'cyan',
  preliminary: 'indigo',
  publicizing: 'violet',
  reviewing: 'orange',
  active: 'green',
  rejected: 'red',
  withdrawn: 'gray',
  stopped: 'dark',
};

export const dueTaskLabel: Record<DueTask, string> = labels.dueTask;

export const householdCaseStatus = {
  in_payment: '在保',
  in_progress: '办理中',
  ended: '已终止',
  none: '无救助',
} as const;

export const ROLL_DIFF_SOURCE = {
  confirmed_roll: '上月已确认花名册',
  draft_roll: '上月花名册草稿',
  computed: '上月台账测算',
} as const;

export function useVillages() {
  const v = useCall('villages.list', {});
  return {
    villages: v.data ?? [],
    options: (v.data ?? []).filter((x) => x.active).map((x) => ({ value: x.id, label: x.name })),
  };
}

/** A step's detail as readable Chinese lines (investigators, check result, publicity end …). */
export function stepDetailText(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  const parts: string[] = [];
  const d = detail;
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  if (Array.isArray(d.investigators)) parts.push(`调查人员：${(d.investigators as unknown[]).map(str).join('、')}`);
  if (d.checkResult)
    parts.push(
      `核对结果：${({ pass: '符合', fail: '不符合', pending: '待返回' } as Record<string, string>)[str(d.checkResult)] ?? str(d.checkResult)}`,
    );
  if (d.opinion) parts.push(`意见：${d.opinion === 'agree' ? '同意' : '不同意'}`);
  if (d.endsOn) parts.push(`公示至 ${str(d.endsOn)}`);
  if (d.place) parts.push(`地点：${str(d.place)}`);
  if (d.content) parts.push(`异议：${str(d.content)}`);
  if (d.resolution) parts.push(d.resolution === 'reinvestigate' ? '处理：重新调查' : '处理：民主评议');
  if (d.participants) parts.push(`参加 ${str(d.participants)} 人`);
  if (d.result)
    parts.push(
      `结果：${({ agree: '同意', disagree: '不同意', unchanged: '无变化', change: '需变更', stop: '停止' } as Record<string, string>)[str(d.result)] ?? str(d.result)}`,
    );
  if (typeof d.amountFen === 'number') parts.push(`金额 ${yuan(d.amountFen)}`);
  if (typeof d.grantFen === 'number') parts.push(`救助金 ${yuan(d.grantFen)}`);
  if (d.startMonth) parts.push(`自 ${str(d.startMonth)} 起发放`);
  if (typeof d.fromFen === 'number' && typeof d.toFen === 'number')
    parts.push(`${label('amountKind', str(d.kind))} ${yuan(d.fromFen)} → ${yuan(d.toFen)}`);
  if (d.untilMonth) parts.push(`渐退 ${str(d.fromMonth)} 至 ${str(d.untilMonth)}`);
  if (d.stopMonth) parts.push(`自 ${str(d.stopMonth)} 起停发`);
  for (const k of ['visitNote', 'checkNote', 'note', 'reason'] as const) if (d[k]) parts.push(str(d[k]));
  return parts.join('；');
}
