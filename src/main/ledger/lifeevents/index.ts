// 生活事件 (deaths, membership changes, overpayments, the holiday calendar): what other capabilities may use. Import it
// from here, never from a file inside (eslint checks). Life events stand on cases and people.
export { recordDeath } from './deaths';
export { lifeEventsDue } from './due';
export { getLifeSettings } from './settings';
export type { LifeEventsTables, MonitoringEntriesTable } from './tables';
export { lifeEventsHandlers } from './handlers';
