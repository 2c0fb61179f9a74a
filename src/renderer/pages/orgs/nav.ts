// The sidebar entry of these pages: loaded with the shell, apart from the pages themselves (loaded when opened).
import { navEntry } from '../../lib/route';

// Not '/orgs' itself: the shell marks an entry active for every path under it, and the board and worklist
// live under '/orgs/'.
export const nav = navEntry('社会组织', '/orgs', '组织名册 roster, 年检一览 inspections, 社会组织待办 worklist');
