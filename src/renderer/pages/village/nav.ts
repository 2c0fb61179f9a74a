// The sidebar entry of these pages: loaded with the shell, apart from the pages themselves (loaded when opened).
import type { NavEntry } from '../../lib/route';

export const nav: NavEntry = {
  label: '村级副本',
  path: '/village',
  children: [
    { label: '副本与交换', path: '/village' },
    { label: '复核队列', path: '/village/queue' },
  ],
};
