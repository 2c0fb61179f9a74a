// The sidebar entry of these pages: loaded with the shell, apart from the pages themselves (loaded when opened).
import type { NavEntry } from '../../lib/route';

export const nav: NavEntry = {
  label: '导入导出',
  path: '/exchange',
  children: [
    { label: '导入与导出', path: '/exchange' },
    { label: '导入待确认', path: '/exchange/batches' },
  ],
};
