// 生活事件与比对: member changes, deaths and overpayment recovery, 数据比对, 主动发现 and 动态监测.
import type { RouteDef } from '../../lib/route';
import { ChangesPage } from './ChangesPage';
import { ComparePage } from './ComparePage';
import { DeathsPage, OverpaymentsPage } from './DeathsPage';
import { LeadsPage, MonitoringPage } from './DiscoveryPage';

export { nav } from './nav';

export const routes: RouteDef[] = [
  { path: '/lifeevents/changes', component: ChangesPage },
  { path: '/lifeevents/deaths', component: DeathsPage },
  { path: '/lifeevents/overpayments', component: OverpaymentsPage },
  { path: '/lifeevents/compare', component: ComparePage },
  { path: '/lifeevents/leads', component: LeadsPage },
  { path: '/lifeevents/monitoring', component: MonitoringPage },
];
