// The sidebar entry of these pages: loaded with the shell, apart from the pages themselves (loaded when opened).
import type { NavEntry } from '../../lib/route';

export const nav: NavEntry = { label: '导入导出', path: '/exchange' };
