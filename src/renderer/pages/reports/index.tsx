// Entry of the 月度报表 pages. Until its issue lands this says honestly that it is not built yet.
import { NotBuilt } from '../../lib/NotBuilt';
import type { NavEntry, RouteDef } from '../../lib/route';

function Page() {
  return <NotBuilt title="月度报表" what="月度报表包（统计数据、工作簿、数据包、结账）由 issue 4 建设。" />;
}

export const nav: NavEntry = { label: '月度报表', path: '/reports' };
export const routes: RouteDef[] = [{ path: '/reports', component: Page }];
