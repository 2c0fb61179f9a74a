// 物资与服务类救助, 慈善帮扶: what other capabilities may use.
export { aidHandlers } from './handlers';
export { linshiGoodsValue } from './goods';
export { countsAsIncome } from './charity';
export type { AidTables } from './tables';
