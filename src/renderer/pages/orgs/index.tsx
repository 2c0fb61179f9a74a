// Entry of the 社会组织 pages: 名册 (list), one organization, 年检一览 and 待办.
import { lazyPage, type RouteDef } from '../../lib/route';

export { nav } from './nav';

const InspectionBoard = lazyPage(() => import('./InspectionBoard').then((m) => m.InspectionBoard));
const OrgList = lazyPage(() => import('./OrgList').then((m) => m.OrgList));
const OrgPage = lazyPage(() => import('./OrgPage').then((m) => m.OrgPage));
const Worklist = lazyPage(() => import('./Worklist').then((m) => m.Worklist));

// Specific paths before '/orgs/:id'.
export const routes: RouteDef[] = [
  { path: '/orgs', component: OrgList },
  { path: '/orgs/roster', component: OrgList },
  { path: '/orgs/inspections', component: InspectionBoard },
  { path: '/orgs/worklist', component: Worklist },
  { path: '/orgs/:id', component: OrgPage },
];
