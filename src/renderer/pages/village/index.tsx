// Entry of the 村级副本 pages: copies and exchanges (at the office; in a copy, the copy's own panel) and the review
// queue.
import { lazyPage, type RouteDef } from '../../lib/route';

export { nav } from './nav';
const CopiesPage = lazyPage(() => import('./CopiesPage').then((m) => m.CopiesPage));
const QueuePage = lazyPage(() => import('./QueuePage').then((m) => m.QueuePage));

export const routes: RouteDef[] = [
  { path: '/village', component: CopiesPage },
  { path: '/village/queue', component: QueuePage },
];
