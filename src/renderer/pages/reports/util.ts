// Helpers of the 月度报表 pages: months in China time and money text.
import { addMonths, monthText, thisMonth } from '../../../shared/time';

/** The month a report is usually made for: last month. */
export const reportMonthCn = (): string => addMonths(thisMonth(), -1);

export const monthCn = monthText;

/** The last 36 months, newest first, for the month picker. */
export function monthOptions(): { value: string; label: string }[] {
  const now = thisMonth();
  return Array.from({ length: 36 }, (_, i) => {
    const m = addMonths(now, -i);
    return { value: m, label: monthCn(m) };
  });
}

export { yuan } from '../../lib/format';
