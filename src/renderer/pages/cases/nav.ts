// The sidebar entry of these pages: loaded with the shell, apart from the pages themselves (loaded when opened).
import { navEntry } from '../../lib/route';

export const nav = navEntry(
  '社会救助',
  '/cases',
  '户与成员 households, 待办事项 worklist, 发放花名册 rolls, 公示名单 publicity, 保障标准 standards, 规则与时限 rules',
);
