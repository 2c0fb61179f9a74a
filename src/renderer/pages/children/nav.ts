// The sidebar entry of these pages: loaded with the shell, apart from the pages themselves (loaded when opened).
import type { NavEntry } from '../../lib/route';

export const nav: NavEntry = {
  label: '儿童福利',
  path: '/children',
  children: [
    { label: '儿童名册', path: '/children' },
    { label: '工作单', path: '/children/work' },
    { label: '儿童主任', path: '/children/workers' },
    { label: '月度数据', path: '/children/figures' },
  ],
};
