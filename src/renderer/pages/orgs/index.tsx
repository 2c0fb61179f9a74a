// Entry of the 社会组织 pages: 名册 (list), one organization, 年检一览 and 待办.
import type { RouteDef } from '../../lib/route';
import { InspectionBoard } from './InspectionBoard';
import { OrgList } from './OrgList';
import { OrgPage } from './OrgPage';
import { Worklist } from './Worklist';

export { nav } from './nav';

// Specific paths before '/orgs/:id'.
export const routes: RouteDef[] = [
  { path: '/orgs', component: OrgList },
  { path: '/orgs/roster', component: OrgList },
  { path: '/orgs/inspections', component: InspectionBoard },
  { path: '/orgs/worklist', component: Worklist },
  { path: '/orgs/:id', component: OrgPage },
];
