// Entry of the 社会组织 pages: 名册 (list), one organization, 年检一览 and 待办.
import type { NavEntry, RouteDef } from '../../lib/route';
import { InspectionBoard } from './InspectionBoard';
import { OrgList } from './OrgList';
import { OrgPage } from './OrgPage';
import { Worklist } from './Worklist';

export const nav: NavEntry = {
  label: '社会组织',
  path: '/orgs',
  children: [
    // Not '/orgs' itself: the shell marks an entry active for every path under it, and the board and worklist
    // live under '/orgs/'.
    { label: '组织名册', path: '/orgs/roster' },
    { label: '年检一览', path: '/orgs/inspections' },
    { label: '社会组织待办', path: '/orgs/worklist' },
  ],
};

// Specific paths before '/orgs/:id'.
export const routes: RouteDef[] = [
  { path: '/orgs', component: OrgList },
  { path: '/orgs/roster', component: OrgList },
  { path: '/orgs/inspections', component: InspectionBoard },
  { path: '/orgs/worklist', component: Worklist },
  { path: '/orgs/:id', component: OrgPage },
];
