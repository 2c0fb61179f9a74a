// What a service handler receives. Handlers are plain async functions of (ctx, validated input) -> output.
// This belongs to the ledger core: the API layer (src/main/api) builds a ServiceContext and calls the handlers;
// the core never imports the API layer (docs/ARCHITECTURE.md, Layers).
import type { Kysely } from 'kysely';
import { today } from '../../../shared/time';
import type { ApiSlice, OutputOf, ParsedInputOf, Role } from '../../../shared/api/contract';
import type { NetworkSettings, NetworkStatus } from '../../../shared/api/network';
import type { Ledger, DB } from '../db';
import type { JournalEntryInput } from '../journal';

export interface Actor {
  id: string;
  username: string;
  name: string;
  role: Role;
  /** Set after an administrator reset the password: only the password change is allowed until it is done. */
  mustChangePassword?: boolean;
  /**
   * A named system actor, not a login: the scheduler ('schedule') or the command line ('cli'). Its `id` is '' and
   * the journal records it by name with no user id.
   */
  system?: SystemKind;
}

export type SystemKind = 'schedule' | 'cli';

/** A named system actor for `Dispatcher.dispatchAs` (e.g. 系统（定时生成）, 命令行（定时任务）). */
export function systemActor(kind: SystemKind, name: string, role: Role = 'reviewer'): Actor {
  return { id: '', username: '', name, role, system: kind };
}

/** The login sessions as the core sees them (the API layer's SessionStore implements this). */
export interface Sessions {
  /** Idle limit in milliseconds. */
  readonly idleMs: number;
  create(actor: Actor): string;
  /** The actor of a live session (refreshing its idle timer); 'expired' when idle too long; null when unknown. */
  touch(token: string): Actor | 'expired' | null;
  end(token: string): void;
  /** Ends every session of a user (password reset, deactivation, role change), but `except` when given. */
  endUser(userId: string, except?: string): void;
  /** Replaces the actor of a live session (e.g. the password-change requirement was met). */
  update(token: string, actor: Actor): void;
}

export interface ServiceContext {
  /** Inside a write method this is the method's transaction; elsewhere the ledger's connection. */
  db: Kysely<DB>;
  ledger: Ledger;
  /** The logged-in user (or a named system actor for the scheduler and the command line); null only for public methods. */
  actor: Actor | null;
  /** The session token of the caller (auth uses it to log out). */
  session: string | null;
  /** Appends to the journal in the current transaction. Write methods must journal at least one entry. */
  journal(...entries: JournalEntryInput[]): Promise<void>;
  now(): Date;
  /** Services of the host (sessions, file paths, scheduler …) that some handlers need. */
  host: HostServices;
}

export interface HostServices {
  sessions: Sessions;
  /** Folder beside the ledger for attachments, exports and backups. */
  dataDir: string;
  /** Resources folder (division codes, templates). */
  resourcesDir: string;
  /**
   * Restores the ledger from a verified backup and reopens it (desktop app, `serve`); runs after the current call has
   * answered. Absent where the process cannot reopen its ledger (the command line).
   */
  restore?: (request: { from: string; reason: string; by: { id: string; name: string } }) => void;
  /** The office-network host (局域网共享), where this process can serve one (desktop app, `serve`). */
  network?: NetworkHostControl;
}

/** What the 局域网共享 settings need from the process that serves the office network. */
export interface NetworkHostControl {
  state(): Omit<NetworkStatus, 'settings' | 'available'>;
  apply(settings: NetworkSettings): Promise<void>;
}

export type Handler<S> = (ctx: ServiceContext, input: ParsedInputOf<S>) => Promise<OutputOf<S>>;
export type Handlers<A extends ApiSlice> = { [K in keyof A]: Handler<A[K]> };

/** Requires a logged-in actor (for handlers of non-public methods the dispatcher guarantees it). */
export function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new Error('actor required');
  return ctx.actor;
}

/** Today in China ('YYYY-MM-DD') by the context's clock (tests and the dispatcher set `now`). */
export function todayOf(ctx: Pick<ServiceContext, 'now'>): string {
  return today(ctx.now());
}
