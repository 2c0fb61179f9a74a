// Who is logged in, for pages that show or hide actions by role.
import { createContext, useContext } from 'react';
import type { UserView } from '../../shared/api/auth';

export interface SessionInfo {
  user: UserView;
  township: { code: string; name: string; path: string } | null;
  logout: () => void;
}

export const SessionContext = createContext<SessionInfo | null>(null);

export function useSession(): SessionInfo {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the logged-in shell');
  return s;
}

export const canReview = (u: UserView): boolean => u.role === 'reviewer' || u.role === 'admin';
