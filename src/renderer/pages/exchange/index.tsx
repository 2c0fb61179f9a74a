// Entry of the 导入导出 pages. Until its issue lands this says honestly that it is not built yet.
import { NotBuilt } from '../../lib/NotBuilt';
import type { NavEntry, RouteDef } from '../../lib/route';

function Page() {
  return <NotBuilt title="导入导出" what="从 Excel 导入台账、导出名单由 issue 5 建设。" />;
}

export const nav: NavEntry = { label: '导入导出', path: '/exchange' };
export const routes: RouteDef[] = [{ path: '/exchange', component: Page }];
