// The foundation's tables (meta, users, villages, journal, settings). Other capabilities declare theirs in their own
// tables.ts; db/schema.ts combines them into the one Database interface kysely uses.
import type { Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

/** Township-wide settings as JSON values, versioned for stale-edit detection. */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
  version: number;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: 'admin' | 'reviewer' | 'clerk';
  password_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  active: number;
  must_change_password: number;
  created_at: string;
  updated_at: string;
  version: number;
}

/** 村(社区): seeded from the national division codes, editable (merges, renames). Never hard-deleted. */
export interface VillagesTable {
  id: string;
  code: string | null;
  name: string;
  kind: 'village' | 'community';
  sort_order: number;
  active: number;
  merged_into_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface JournalTable {
  seq: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/** Answers to write requests that carried a request id (office-network clients retrying a write). */
export interface RequestLogTable {
  request_id: string;
  actor_id: string | null;
  method: string;
  output: string;
  at: string;
}

export interface FoundationTables {
  request_log: RequestLogTable;
  meta: MetaTable;
  settings: SettingsTable;
  users: UsersTable;
  villages: VillagesTable;
  journal: JournalTable;
}
