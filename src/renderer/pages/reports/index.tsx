// Entry of the 月度报表 pages.
import type { RouteDef } from '../../lib/route';
import { ReportsPage } from './ReportsPage';

export { nav } from './nav';
export const routes: RouteDef[] = [{ path: '/reports', component: ReportsPage }];
