// Tables of 养老服务 (declared by that capability's migration).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ElderlyTables {}
