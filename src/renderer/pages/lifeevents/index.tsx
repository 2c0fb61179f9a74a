// 生活事件与比对: member changes, deaths and overpayment recovery, 数据比对, 主动发现 and 动态监测.
import { lazyPage, type RouteDef } from '../../lib/route';

export { nav } from './nav';

const ChangesPage = lazyPage(() => import('./ChangesPage').then((m) => m.ChangesPage));
const ComparePage = lazyPage(() => import('./ComparePage').then((m) => m.ComparePage));
const DeathsPage = lazyPage(() => import('./DeathsPage').then((m) => m.DeathsPage));
const OverpaymentsPage = lazyPage(() => import('./DeathsPage').then((m) => m.OverpaymentsPage));
const LeadsPage = lazyPage(() => import('./DiscoveryPage').then((m) => m.LeadsPage));
const MonitoringPage = lazyPage(() => import('./DiscoveryPage').then((m) => m.MonitoringPage));

export const routes: RouteDef[] = [
  { path: '/lifeevents/changes', component: ChangesPage },
  { path: '/lifeevents/deaths', component: DeathsPage },
  { path: '/lifeevents/overpayments', component: OverpaymentsPage },
  { path: '/lifeevents/compare', component: ComparePage },
  { path: '/lifeevents/leads', component: LeadsPage },
  { path: '/lifeevents/monitoring', component: MonitoringPage },
];
