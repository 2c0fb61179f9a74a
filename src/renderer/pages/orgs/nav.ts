// The sidebar entry of these pages: loaded with the shell, apart from the pages themselves (loaded when opened).
import type { NavEntry } from '../../lib/route';

export const nav: NavEntry = {
  label: '社会组织',
  path: '/orgs',
  children: [
    // Not '/orgs' itself: the shell marks an entry active for every path under it, and the board and worklist
    // live under '/orgs/'.
    { label: '组织名册', path: '/orgs/roster' },
    { label: '年检一览', path: '/orgs/inspections' },
    { label: '社会组织待办', path: '/orgs/worklist' },
  ],
};
