// The sidebar entry of these pages: loaded with the shell, apart from the pages themselves (loaded when opened).
import type { NavEntry } from '../../lib/route';

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
