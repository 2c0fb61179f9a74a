// The sidebar entry of these pages: loaded with the shell, apart from the pages themselves (loaded when opened).
import type { NavEntry } from '../../lib/route';

export const nav: NavEntry = {
  label: '社会救助',
  path: '/cases',
  children: [
    { label: '户与成员', path: '/cases/households' },
    { label: '待办事项', path: '/cases/worklist' },
    { label: '发放花名册', path: '/cases/rolls' },
    { label: '公示名单', path: '/cases/publicity' },
    { label: '保障标准', path: '/cases/standards' },
    { label: '规则与时限', path: '/cases/rules' },
  ],
};
