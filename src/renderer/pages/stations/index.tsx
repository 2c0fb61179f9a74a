// Entry of the 养老服务 pages: facilities (list and page), the special-difficulty register, the visit worklist with the
// monthly visit rate, and the month's figures for the report package.
import { lazyPage, type RouteDef } from '../../lib/route';

export { nav } from './nav';

const ElderlyPerson = lazyPage(() => import('./ElderlyPerson').then((m) => m.ElderlyPerson));
const FacilityPage = lazyPage(() => import('./FacilityPage').then((m) => m.FacilityPage));
const ElderlyList = lazyPage(() => import('./ElderlyList').then((m) => m.ElderlyList));
const FacilityList = lazyPage(() => import('./FacilityList').then((m) => m.FacilityList));
const Figures = lazyPage(() => import('./Figures').then((m) => m.Figures));
const StationsSettings = lazyPage(() => import('./Settings').then((m) => m.StationsSettings));
const Worklist = lazyPage(() => import('./Worklist').then((m) => m.Worklist));

export const routes: RouteDef[] = [
  { path: '/stations', component: FacilityList },
  { path: '/stations/facilities/:id', component: FacilityPage },
  { path: '/stations/elderly', component: ElderlyList },
  { path: '/stations/elderly/:id', component: ElderlyPerson },
  { path: '/stations/visits', component: Worklist },
  { path: '/stations/figures', component: Figures },
  { path: '/stations/settings', component: StationsSettings },
];
