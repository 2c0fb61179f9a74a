// 生活事件与比对: member changes, deaths and overpayment recovery, 数据比对, 主动发现 and 动态监测.
import type { NavEntry, RouteDef } from '../../lib/route';
import { ChangesPage } from './ChangesPage';
import { ComparePage } from './ComparePage';
import { DeathsPage, OverpaymentsPage } from './DeathsPage';
import { LeadsPage, MonitoringPage } from './DiscoveryPage';

export const nav: NavEntry = {
  label: '动态管理',
  path: '/lifeevents/changes',
  children: [
    { label: '成员变动', path: '/lifeevents/changes' },
    { label: '死亡登记', path: '/lifeevents/deaths' },
    { label: '多发追回', path: '/lifeevents/overpayments' },
    { label: '数据比对', path: '/lifeevents/compare' },
    { label: '主动发现', path: '/lifeevents/leads' },
    { label: '动态监测', path: '/lifeevents/monitoring' },
  ],
};

export const routes: RouteDef[] = [
  { path: '/lifeevents/changes', component: ChangesPage },
  { path: '/lifeevents/deaths', component: DeathsPage },
  { path: '/lifeevents/overpayments', component: OverpaymentsPage },
  { path: '/lifeevents/compare', component: ComparePage },
  { path: '/lifeevents/leads', component: LeadsPage },
  { path: '/lifeevents/monitoring', component: MonitoringPage },
];
