// How far each caller's long call is (issue 23.4): a package build or a comparison reports its steps here while it
// runs, and `work.progress` answers the page that polls it. Kept in memory per session and method; gone when the
// call ends.
import type { WorkMethod, WorkProgress } from '../../../shared/api/work';
import type { WorkStep } from './tasks';

const running = new Map<string, WorkProgress>();
const keyOf = (session: string | null, method: string): string => `${session ?? ''}\u0000${method}`;

export interface ProgressTracker {
  update(step: WorkStep): void;
  end(): void;
}

/** Starts tracking `method` for `session`; `end()` forgets it (call it in a finally). */
export function trackProgress(session: string | null, method: WorkMethod): ProgressTracker {
  const key = keyOf(session, method);
  running.set(key, { step: '准备中', done: 0, total: 0, percent: 0 });
  return {
    update: ({ step, done, total }) => {
      const percent = total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0;
      running.set(key, { step, done, total, percent });
    },
    end: () => {
      running.delete(key);
    },
  };
}

/** The progress of the session's running call of `method`, or null when none runs. */
export function progressOf(session: string | null, method: WorkMethod): WorkProgress | null {
  return running.get(keyOf(session, method)) ?? null;
}
