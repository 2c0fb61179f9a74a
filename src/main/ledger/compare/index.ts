// 比对 (checking the ledger against an outside list): what other capabilities may use. Import it from here, never
// from a file inside (eslint checks).
export { analyseCompare, type CompareAnalysis, type CompareInput } from './compare';
export { compareHandlers } from './handlers';
