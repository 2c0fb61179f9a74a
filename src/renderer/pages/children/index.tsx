// Entry of the 儿童福利 pages: the register (一人一档), one child's file, the worklist, 儿童主任/督导员, the figures.
import type { RouteDef } from '../../lib/route';
import { ChildList, ChildWorklist } from './ChildList';
import { childRoutes } from './ChildPage';
import { ChildFiguresPage, Workers } from './Workers';

export { nav } from './nav';

export const routes: RouteDef[] = [
  { path: '/children', component: ChildList },
  { path: '/children/work', component: ChildWorklist },
  { path: '/children/workers', component: Workers },
  { path: '/children/figures', component: ChildFiguresPage },
  ...childRoutes,
];
