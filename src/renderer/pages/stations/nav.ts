// The sidebar entry of these pages: loaded with the shell, apart from the pages themselves (loaded when opened).
import { navEntry } from '../../lib/route';

export const nav = navEntry(
  '养老服务',
  '/stations',
  '服务设施, 特殊困难老年人 elderly, 探访工作单 visits, 月度数据 figures, 养老服务设置 settings',
);
