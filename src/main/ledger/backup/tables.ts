// Tables of 备份与隐私: none (see migrations/0006_safety.ts). Kept so db/schema.ts combines every capability alike.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SafetyTables {}
