// Tables of 备份与隐私 (declared by that capability's migration).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SafetyTables {}
