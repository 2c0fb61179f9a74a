import type { ComponentType } from 'react';

/** One page: a path pattern ('/cases/households/:id') and the component that receives its params. */
export interface RouteDef {
  path: string;
  component: ComponentType<{ params: Record<string, string> }>;
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
