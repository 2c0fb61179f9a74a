// Entry of the 养老服务 pages. Until its issue lands this says honestly that it is not built yet.
import { NotBuilt } from '../../lib/NotBuilt';
import type { NavEntry, RouteDef } from '../../lib/route';

function Page() {
  return <NotBuilt title="养老服务" what="养老服务台账（服务设施、运营数据、检查、特殊困难老年人探访）由 issue 6 建设。" />;
}

export const nav: NavEntry = { label: '养老服务', path: '/stations' };
export const routes: RouteDef[] = [{ path: '/stations', component: Page }];
