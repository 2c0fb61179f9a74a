import { lazy, type ComponentType } from 'react';

/** A page's component: it receives the path's params. */
export type PageComponent = ComponentType<{ params: Record<string, string> }>;

/** One page: a path pattern ('/cases/households/:id') and the component that receives its params. */
export interface RouteDef {
  path: string;
  component: PageComponent;
}

/** A page loaded when it is first shown; `load()` fetches its code ahead (and lets a test check it loads). */
export type LazyPage = PageComponent & { load: () => Promise<PageComponent> };

/**
 * A page whose code is its own chunk, fetched when the page is first opened (issue 17): the capability's route table
 * lists `lazyPage(() => import('./HouseholdList').then((m) => m.HouseholdList))` instead of importing the page. While
 * it loads, the Suspense around the page (routes.tsx) shows 正在加载页面.
 */
export function lazyPage(load: () => Promise<PageComponent>): LazyPage {
  return Object.assign(
    lazy(() => load().then((c) => ({ default: c }))),
    { load },
  );
}

/** One sidebar entry; `children` are sub-entries of a ledger. */
export interface NavEntry {
  label: string;
  path: string;
  children?: { label: string; path: string }[];
}

/**
 * A ledger's sidebar entry with its sub-pages, listed as `'户与成员 households, 待办事项 worklist'`: each is a label
 * and the address under the ledger's first segment ('/cases/households'); a label alone is the segment's own page
 * ('/children'). test/ui/routes.test.tsx checks that every address opens a page.
 */
export function navEntry(label: string, path: string, children: string): NavEntry {
  const base = `/${path.split('/')[1] ?? ''}`;
  return {
    label,
    path,
    children: children.split(', ').map((c) => {
      const [text = '', sub] = c.split(' ');
      return { label: text, path: sub ? `${base}/${sub}` : base };
    }),
  };
}
