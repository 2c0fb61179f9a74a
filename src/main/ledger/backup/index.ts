// 安全 (backups, restore, the ledger check): what other capabilities may use. Import it from here, never from a file
// inside (eslint checks).
export { backupBeforeRisk } from './backup';
export { sourceOf } from './snapshot';
export type { LedgerSource } from './snapshot';
export type { SafetyTables } from './tables';
export { backupIfDue, backupOnClose, backupsRootFor, freshBackupName, runBackup, writeVerifiedBackup } from './backup';
export type { BackupManifest } from './backup';
export { checkLedger } from './check';
export { removeQuietly } from './files';
export { safetyHandlers } from './handlers';
export { acquireLedgerLock } from './lock';
export { restoreLedger } from './restore';
export { restoreHandlers } from './restoreInApp';
export { copyCommitted, rememberNativeBinding } from './snapshot';
