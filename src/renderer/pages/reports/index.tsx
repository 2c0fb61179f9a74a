// Entry of the 月度报表 pages.
import type { NavEntry, RouteDef } from '../../lib/route';
import { ReportsPage } from './ReportsPage';

export const nav: NavEntry = { label: '月度报表', path: '/reports' };
export const routes: RouteDef[] = [{ path: '/reports', component: ReportsPage }];
