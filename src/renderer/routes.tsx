// The route table. Each capability has its sidebar entry in pages/<cap>/nav.ts (loaded with the shell) and its route
// table in pages/<cap>/index.tsx, loaded only when one of its pages is first opened; each page there is a lazyPage
// (lib/route.ts), its own chunk, fetched when it is opened. So the first screen after login loads the shell and
// 工作台, not the whole app (issue 17; docs/DECISIONS.md "Renderer chunks"). A path belongs to the capability named by
// its first segment ('/cases/households/1' -> cases; '/' -> home).
import { Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
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

/** What shows while a page's code loads (the first time it is opened): a spinner with words, not a blank. */
export function PageLoading({ text = '正在加载页面…' }: { text?: string }) {
  return (
    <Center h={200}>
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text c="dimmed">{text}</Text>
      </Group>
    </Center>
  );
}

/**
 * A page whose code could not be fetched (the office host went away, or the app was updated while open and the old
 * chunk is gone) — or that failed while rendering — says so instead of emptying the whole window; 重新加载 reloads the
 * app (a chunk that failed is not fetched again otherwise). Another address clears it.
 */
class PageFailure extends Component<{ path: string; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
  override componentDidUpdate(prev: { path: string }) {
    if (prev.path !== this.props.path && this.state.error) this.setState({ error: null });
  }
  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const loading = /dynamically imported module|importing a module script|Failed to fetch/i.test(error.message);
    return (
      <Center h={200}>
        <Stack align="center" role="alert">
          <Text c="red">
            {loading ? '页面未能加载，请检查与台账主机的连接后重新加载。' : `页面出错：${error.message}`}
          </Text>
          <Button variant="light" onClick={() => location.reload()}>
            重新加载
          </Button>
        </Stack>
      </Center>
    );
  }
}

/** The page for a path; 正在加载页面 shows while its code loads (the first time only). */
export function Page({ path }: { path: string }) {
  const C = lazyPages.get(path.split('/')[1] ?? '');
  if (!C) return <NotFound />;
  return (
    <PageFailure path={path}>
      <Suspense fallback={<PageLoading />}>
        <C path={path} />
      </Suspense>
    </PageFailure>
  );
}
