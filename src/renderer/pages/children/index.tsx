// Entry of the 儿童福利 pages: the register (一人一档), one child's file, the worklist, 儿童主任/督导员, the figures.
import { lazyPage, type RouteDef } from '../../lib/route';

export { nav } from './nav';

const ChildPage = lazyPage(() => import('./ChildPage').then((m) => m.ChildPage));
const ChildList = lazyPage(() => import('./ChildList').then((m) => m.ChildList));
const ChildWorklist = lazyPage(() => import('./ChildList').then((m) => m.ChildWorklist));
const ChildFiguresPage = lazyPage(() => import('./Workers').then((m) => m.ChildFiguresPage));
const Workers = lazyPage(() => import('./Workers').then((m) => m.Workers));

export const routes: RouteDef[] = [
  { path: '/children', component: ChildList },
  { path: '/children/work', component: ChildWorklist },
  { path: '/children/workers', component: Workers },
  { path: '/children/figures', component: ChildFiguresPage },
  { path: '/children/:id', component: ChildPage },
];
