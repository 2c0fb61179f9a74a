// Entry of the 月度报表 pages.
import { lazyPage, type RouteDef } from '../../lib/route';

export { nav } from './nav';
const ReportsPage = lazyPage(() => import('./ReportsPage').then((m) => m.ReportsPage));

export const routes: RouteDef[] = [{ path: '/reports', component: ReportsPage }];
