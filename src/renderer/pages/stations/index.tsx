// Entry of the 养老服务 pages: facilities (list and page), the special-difficulty register, the visit worklist with the
// monthly visit rate, and the month's figures for the report package.
import type { RouteDef } from '../../lib/route';
import { ElderlyList } from './ElderlyList';
import { elderlyRoutes } from './ElderlyPerson';
import { FacilityList } from './FacilityList';
import { facilityRoutes } from './FacilityPage';
import { Figures } from './Figures';
import { StationsSettings } from './Settings';
import { Worklist } from './Worklist';

export { nav } from './nav';

export const routes: RouteDef[] = [
  { path: '/stations', component: FacilityList },
  ...facilityRoutes,
  { path: '/stations/elderly', component: ElderlyList },
  ...elderlyRoutes,
  { path: '/stations/visits', component: Worklist },
  { path: '/stations/figures', component: Figures },
  { path: '/stations/settings', component: StationsSettings },
];
