// Entry of the 村级副本 pages: copies and exchanges (at the office; in a copy, the copy's own panel) and the review
// queue.
import type { RouteDef } from '../../lib/route';
import { CopiesPage } from './CopiesPage';
import { QueuePage } from './QueuePage';

export { nav } from './nav';
export const routes: RouteDef[] = [
  { path: '/village', component: CopiesPage },
  { path: '/village/queue', component: QueuePage },
];
