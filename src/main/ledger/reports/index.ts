// Monthly report packages and the 工作台: what other capabilities may use. Import it from here, never from a file
// inside (eslint checks).
export { assemblePackage, type AssembledPackage } from './package';
export { loadPeriod } from './history';
export { copyAtomic } from './upload';
export { deliveryHandlers } from './connection';
export { reportsHandlers } from './handlers';
export { casesOf, keptCaseRows, type CaseRowSource } from './case-log';
