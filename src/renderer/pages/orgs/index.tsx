// Entry of the 社会组织 pages. Until its issue lands this says honestly that it is not built yet.
import { NotBuilt } from '../../lib/NotBuilt';
import type { NavEntry, RouteDef } from '../../lib/route';

function Page() {
  return <NotBuilt title="社会组织" what="社会组织台账（登记与备案、年检、评估、换届）由 issue 7 建设。" />;
}

export const nav: NavEntry = { label: '社会组织', path: '/orgs' };
export const routes: RouteDef[] = [{ path: '/orgs', component: Page }];
