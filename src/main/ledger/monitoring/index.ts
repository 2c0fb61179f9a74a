// 动态监测 (households under watch): what other capabilities may use. Import it from here, never from a file inside
// (eslint checks).
export { addMonitoring, endMonitoring, listMonitoring, monitoringCounts, recordMonitoring } from './service';
