// Entry of the 社会救助 pages. Until its issue lands this says honestly that it is not built yet.
import { NotBuilt } from '../../lib/NotBuilt';
import type { NavEntry, RouteDef } from '../../lib/route';

function Page() {
  return <NotBuilt title="社会救助" what="社会救助台账（户、成员、救助对象、审批流程、月度发放）由 issue 3 建设。" />;
}

export const nav: NavEntry = { label: '社会救助', path: '/cases' };
export const routes: RouteDef[] = [{ path: '/cases', component: Page }];
