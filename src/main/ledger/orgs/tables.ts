// Tables of 社会组织 (declared by that capability's migration).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OrgsTables {}
