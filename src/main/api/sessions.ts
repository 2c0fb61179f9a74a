// In-memory login sessions. A session expires after the idle limit (idle lock); the renderer then shows the lock
// screen and the user logs in again. Tokens are random and never written to disk.
import { randomBytes } from 'node:crypto';
import type { Actor, Sessions } from '../ledger/kernel/context';

interface Session {
  actor: Actor;
  lastSeen: number;
}

export class SessionStore implements Sessions {
  private readonly sessions = new Map<string, Session>();
  constructor(
    /** Idle limit in milliseconds. */
    public idleMs: number = 15 * 60 * 1000,
    private readonly clock: () => number = Date.now,
  ) {}

  create(actor: Actor): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { actor, lastSeen: this.clock() });
    return token;
  }

  /** Returns the actor and refreshes the idle timer; 'expired' when idle too long; null when unknown. */
  touch(token: string): Actor | 'expired' | null {
    const s = this.sessions.get(token);
    if (!s) return null;
    const now = this.clock();
    if (now - s.lastSeen > this.idleMs) {
      this.sessions.delete(token);
      return 'expired';
    }
    s.lastSeen = now;
    return s.actor;
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every session of a user (password reset, deactivation, role change). */
  endUser(userId: string): void {
    for (const [t, s] of this.sessions) if (s.actor.id === userId) this.sessions.delete(t);
  }
}
