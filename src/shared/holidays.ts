// The national working-day calendar as data: public holidays and 调休 make-up working days from the State Council
// notices (2024: 国办发明电〔2023〕7号; 2025: 国办发明电〔2024〕12号; 2026: 国务院办公厅 2025-11-04 notice).
// Pure data, read by the working-day functions in ./time. A year not listed here counts only weekends as days off
// (calendarCovers in ./time); later years or a township's own days come in as CalendarOverrides.
const DAY_MS = 86_400_000;

/** Official days off that fall on what would otherwise be a working day, plus the weekend days inside each break. */
export const NATIONAL_HOLIDAYS: readonly string[] = [
  // 2024
  ...range('2024-01-01', '2024-01-01'), // 元旦
  ...range('2024-02-10', '2024-02-17'), // 春节
  ...range('2024-04-04', '2024-04-06'), // 清明节
  ...range('2024-05-01', '2024-05-05'), // 劳动节
  ...range('2024-06-10', '2024-06-10'), // 端午节 (连休 with the weekend)
  ...range('2024-09-15', '2024-09-17'), // 中秋节
  ...range('2024-10-01', '2024-10-07'), // 国庆节
  // 2025
  ...range('2025-01-01', '2025-01-01'), // 元旦
  ...range('2025-01-28', '2025-02-04'), // 春节 (from 除夕)
  ...range('2025-04-04', '2025-04-06'), // 清明节
  ...range('2025-05-01', '2025-05-05'), // 劳动节
  ...range('2025-05-31', '2025-06-02'), // 端午节
  ...range('2025-10-01', '2025-10-08'), // 国庆节、中秋节
  // 2026
  ...range('2026-01-01', '2026-01-03'), // 元旦
  ...range('2026-02-15', '2026-02-23'), // 春节
  ...range('2026-04-04', '2026-04-06'), // 清明节
  ...range('2026-05-01', '2026-05-05'), // 劳动节
  ...range('2026-06-19', '2026-06-21'), // 端午节
  ...range('2026-09-25', '2026-09-27'), // 中秋节
  ...range('2026-10-01', '2026-10-07'), // 国庆节
];

/** 调休: Saturdays and Sundays that are working days. */
export const NATIONAL_MAKEUP_WORKDAYS: readonly string[] = [
  '2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12',
  '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
  '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
]; // prettier-ignore

/** Years whose national holidays are in the tables above. */
export const CALENDAR_YEARS: readonly number[] = [2024, 2025, 2026];

function range(first: string, last: string): string[] {
  const out: string[] = [];
  const end = Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)) - 1, Number(last.slice(8, 10)));
  let t = Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)) - 1, Number(first.slice(8, 10)));
  for (; t <= end; t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
