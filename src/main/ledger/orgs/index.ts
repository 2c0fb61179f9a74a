// 社会组织 (social organizations): what other capabilities may use. Import it from here, never from a file inside (eslint
// checks).
export { computeOrgFigures } from './figures';
export { orgsHandlers } from './handlers';
export { NO_ORG_FIELDS } from './registry';
export type { OrgInspectionsTable, OrgsTable, OrgsTables } from './tables';
export { orgView } from './views';
export { worklist } from './worklist';
