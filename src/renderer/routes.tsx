// The route table. Each capability has its sidebar entry in pages/<cap>/nav.ts (loaded with the shell) and its pages
// and routes in pages/<cap>/index.tsx, which is loaded only when one of its pages is first opened: every capability
// is its own chunk, so the first screen after login loads the shell and 工作台, not the whole app. A path belongs to
// the capability named by its first segment ('/cases/households/1' -> cases; '/' -> home).
import { Center, Loader, Text } from '@mantine/core';
import { lazy, Suspense, type ComponentType } from 'react';
import type { NavEntry, RouteDef } from './lib/route';
import { matchPath } from './lib/router';
import { nav as homeNav } from './pages/home/nav';
import { nav as casesNav } from './pages/cases/nav';
import { nav as lifeeventsNav } from './pages/lifeevents/nav';
import { nav as childrenNav } from './pages/children/nav';
import { nav as aidNav } from './pages/aid/nav';
import { nav as stationsNav } from './pages/stations/nav';
import { nav as orgsNav } from './pages/orgs/nav';
import { nav as reportsNav } from './pages/reports/nav';
import { nav as exchangeNav } from './pages/exchange/nav';
import { nav as villageNav } from './pages/village/nav';
import { nav as settingsNav } from './pages/settings/nav';

export interface Section {
  /** The first path segment of all the capability's pages ('' for '/'). */
  segment: string;
  nav: NavEntry;
  load: () => Promise<{ routes: RouteDef[] }>;
}

// Sidebar order. test/ui/routes.test.tsx checks that every route lies under its section's segment.
export const sections: Section[] = [
  { segment: '', nav: homeNav, load: () => import('./pages/home') },
  { segment: 'cases', nav: casesNav, load: () => import('./pages/cases') },
  { segment: 'lifeevents', nav: lifeeventsNav, load: () => import('./pages/lifeevents') },
  { segment: 'children', nav: childrenNav, load: () => import('./pages/children') },
  { segment: 'aid', nav: aidNav, load: () => import('./pages/aid/AidPages') },
  { segment: 'stations', nav: stationsNav, load: () => import('./pages/stations') },
  { segment: 'orgs', nav: orgsNav, load: () => import('./pages/orgs') },
  { segment: 'reports', nav: reportsNav, load: () => import('./pages/reports') },
  { segment: 'exchange', nav: exchangeNav, load: () => import('./pages/exchange') },
  { segment: 'village', nav: villageNav, load: () => import('./pages/village') },
  { segment: 'settings', nav: settingsNav, load: () => import('./pages/settings') },
];

export const navEntries: NavEntry[] = sections.map((s) => s.nav);

/** Fetches 工作台's chunk ahead (while the login form is shown), so that logging in waits only for its data. */
export function preloadFirstScreen(): void {
  void sections[0]?.load().catch(() => undefined);
}

function NotFound() {
  return <Text>页面不存在</Text>;
}

/** One lazy component per capability: it loads the capability's chunk and renders the route matching the path. */
const lazyPages = new Map<string, ComponentType<{ path: string }>>(
  sections.map((s) => [
    s.segment,
    lazy(async () => {
      const { routes } = await s.load();
      function SectionPage({ path }: { path: string }) {
        for (const r of routes) {
          const params = matchPath(r.path, path);
          if (params) {
            const C = r.component;
            return <C params={params} />;
          }
        }
        return <NotFound />;
      }
      return { default: SectionPage };
    }),
  ]),
);

/** The page for a path; a loader shows while its capability's chunk loads (the first time only). */
export function Page({ path }: { path: string }) {
  const C = lazyPages.get(path.split('/')[1] ?? '');
  if (!C) return <NotFound />;
  return (
    <Suspense
      fallback={
        <Center h={200}>
          <Loader aria-label="正在加载页面" />
        </Center>
      }
    >
      <C path={path} />
    </Suspense>
  );
}
