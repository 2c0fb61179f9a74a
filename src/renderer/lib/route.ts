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
