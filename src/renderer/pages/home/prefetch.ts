// 工作台's data asked for as soon as a login opens on it (issue 17: the first screen after login): the core answers
// while the shell and the page are still being built, instead of after. The page takes the answer once, on its first
// load, and only within a few seconds of the login; every later load (a reload, coming back to 工作台) asks again.
// Part of the login screen's code (App.tsx), not of 工作台's chunk.
import type { DashboardView } from '../../../shared/api/reports';
import { call } from '../../api';

/** Older than this, the answer is not used: the page asks again. */
const FRESH_MS = 5000;

let pending: { at: number; answer: Promise<DashboardView> } | undefined;

/** Asks for 工作台's data now (right after a login that opens on 工作台). */
export function prefetchDashboard(): void {
  const answer = call('reports.dashboard', {});
  answer.catch(() => undefined); // the page reports a failure when it takes the answer
  pending = { at: Date.now(), answer };
}

/** The answer asked for at login, once, if it is recent; otherwise undefined. */
export function takePrefetchedDashboard(): Promise<DashboardView> | undefined {
  const p = pending;
  pending = undefined;
  return p && Date.now() - p.at < FRESH_MS ? p.answer : undefined;
}
