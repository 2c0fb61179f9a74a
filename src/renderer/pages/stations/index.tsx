// Entry of the 养老服务 pages: facilities (list and page), the special-difficulty register, the visit worklist with the
// monthly visit rate, and the month's figures for the report package.
import type { NavEntry, RouteDef } from '../../lib/route';
import { ElderlyList } from './ElderlyList';
import { elderlyRoutes } from './ElderlyPerson';
import { FacilityList } from './FacilityList';
import { facilityRoutes } from './FacilityPage';
import { Figures } from './Figures';
import { StationsSettings } from './Settings';
import { Worklist } from './Worklist';

export const nav: NavEntry = {
  label: '养老服务',
  path: '/stations',
  children: [
    { label: '服务设施', path: '/stations' },
    { label: '特殊困难老年人', path: '/stations/elderly' },
    { label: '探访工作单', path: '/stations/visits' },
    { label: '月度数据', path: '/stations/figures' },
    { label: '养老服务设置', path: '/stations/settings' },
  ],
};

export const routes: RouteDef[] = [
  { path: '/stations', component: FacilityList },
  ...facilityRoutes,
  { path: '/stations/elderly', component: ElderlyList },
  ...elderlyRoutes,
  { path: '/stations/visits', component: Worklist },
  { path: '/stations/figures', component: Figures },
  { path: '/stations/settings', component: StationsSettings },
];
