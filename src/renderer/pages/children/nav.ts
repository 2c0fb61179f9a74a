// The sidebar entry of these pages: loaded with the shell, apart from the pages themselves (loaded when opened).
import { navEntry } from '../../lib/route';

export const nav = navEntry('儿童福利', '/children', '儿童名册, 工作单 work, 儿童主任 workers, 月度数据 figures');
