// Tables of 月度结账与报表 (declared by that capability's migration).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PeriodsTables {}
