// Report periods and the month lock: what other capabilities may use. Import it from here, never from a file inside
// (eslint checks).
export { assertMonthOpen, assertMonthsOpenFrom } from './lock';
export type { PeriodsTables, ReportDeliveriesTable, ReportPackagesTable, ReportPeriodsTable } from './tables';
