// 养老服务 (elderly services: stations, facilities, the register of elderly people): what other capabilities may use.
// Import it from here, never from a file inside (eslint checks).
export { elderlyHandlers } from './elderly';
export { computeElderlyFigures, facilitiesMissingMonth, facilityStatusOn } from './figures';
export { stationsHandlers } from './handlers';
export { monthEnd } from './rules';
export type {
  ElderlyCategory,
  ElderlyPeopleTable,
  ElderlyTables,
  ElderlyVisitsTable,
  FacilitiesTable,
  FacilityMonthsTable,
  FacilityType,
  RiskLevel,
  VisitWay,
} from './tables';
export { visitsDueInMonth, visitWorklist } from './visits';
