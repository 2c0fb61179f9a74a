// Login sessions. A session expires after the idle limit (idle lock); the renderer then shows the lock screen and the
// user logs in again. Tokens are random. On one PC they live in memory only; a host serving the office network keeps
// them through a restart (`persist`), storing only each token's SHA-256, so clients reconnect without logging in.
import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Sessions } from '../ledger/kernel';

interface Session {
  actor: Actor;
  lastSeen: number;
}

/** What a persisted session store keeps: token hash -> session. */
export interface SessionPersistence {
  load(): Record<string, Session>;
  save(sessions: Record<string, Session>): void;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export class SessionStore implements Sessions {
  private readonly sessions = new Map<string, Session>();
  /** Persisted sessions not yet seen since start-up, by token hash. */
  private readonly restored = new Map<string, Session>();
  private lastSave = 0;
  constructor(
    /** Idle limit in milliseconds. */
    public idleMs: number = 15 * 60 * 1000,
    private readonly clock: () => number = Date.now,
    private readonly persist: SessionPersistence | null = null,
  ) {
    if (persist) for (const [h, s] of Object.entries(persist.load())) this.restored.set(h, s);
  }

  private save(force: boolean): void {
    if (!this.persist) return;
    const now = this.clock();
    // Activity refreshes are written at most every 30 s; creating and ending sessions at once.
    if (!force && now - this.lastSave < 30_000) return;
    this.lastSave = now;
    const out: Record<string, Session> = {};
    for (const [h, s] of this.restored) if (now - s.lastSeen <= this.idleMs) out[h] = s;
    for (const [t, s] of this.sessions) out[hashOf(t)] = s;
    this.persist.save(out);
  }

  create(actor: Actor): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { actor, lastSeen: this.clock() });
    this.save(true);
    return token;
  }

  /** Returns the actor and refreshes the idle timer; 'expired' when idle too long; null when unknown. */
  touch(token: string): Actor | 'expired' | null {
    let s = this.sessions.get(token);
    if (!s && this.restored.size > 0) {
      const h = hashOf(token);
      s = this.restored.get(h);
      if (s) {
        this.restored.delete(h);
        this.sessions.set(token, s);
      }
    }
    if (!s) return null;
    const now = this.clock();
    if (now - s.lastSeen > this.idleMs) {
      this.sessions.delete(token);
      return 'expired';
    }
    s.lastSeen = now;
    this.save(false);
    return s.actor;
  }

  end(token: string): void {
    this.sessions.delete(token);
    this.restored.delete(hashOf(token));
    this.save(true);
  }

  /** Ends every session of a user (password reset, deactivation, role change), but `except` when given. */
  endUser(userId: string, except?: string): void {
    for (const [t, s] of this.sessions) if (s.actor.id === userId && t !== except) this.sessions.delete(t);
    const keep = except ? hashOf(except) : null;
    for (const [h, s] of this.restored) if (s.actor.id === userId && h !== keep) this.restored.delete(h);
    this.save(true);
  }

  /** Replaces the actor of a live session. */
  update(token: string, actor: Actor): void {
    const s = this.sessions.get(token);
    if (!s) return;
    s.actor = actor;
    this.save(true);
  }
}
