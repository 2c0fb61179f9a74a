// Helpers of the 月度报表 pages: months in China time and money text.
import { formatYuan } from '../../../shared/money';

export function todayCn(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

export function shiftMonth(m: string, n: number): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(mo / 12);
  const mm = ((mo % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}`;
}

/** The month a report is usually made for: last month. */
export const reportMonthCn = (): string => shiftMonth(todayCn().slice(0, 7), -1);

export const monthCn = (m: string): string => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

/** The last 36 months, newest first, for the month picker. */
export function monthOptions(): { value: string; label: string }[] {
  const now = todayCn().slice(0, 7);
  return Array.from({ length: 36 }, (_, i) => {
    const m = shiftMonth(now, -i);
    return { value: m, label: monthCn(m) };
  });
}

export const yuan = (fen: number | null | undefined): string =>
  fen === null || fen === undefined ? '—' : `${formatYuan(fen)} 元`;
