// 安全 (backups, restore, the ledger check): what other capabilities may use. Import it from here, never from a file
// inside (eslint checks).
export { backupBeforeRisk } from './backup';
export { sourceOf } from './snapshot';
export type { LedgerSource } from './snapshot';
export type { SafetyTables } from './tables';
