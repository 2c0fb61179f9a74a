// Column groups that many capabilities' tables share, declared once: a capability's table interface extends the ones
// it has (docs/CONVENTIONS.md, "Tables and migrations"). Types only: each table's columns are still created by its
// own migration.

/**
 * The columns the write kernel stamps on every row a clerk can change (`insertVersioned`): its id, when it was made
 * and last changed, and its version for the stale-edit check.
 */
export interface StampedRow {
  id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A row voided (作废) with a reason instead of deleted (`voidVersioned`; new rows start from `NOT_VOIDED`). */
export interface VoidableRow extends StampedRow {
  voided: number;
  void_reason: string | null;
}

/** A voidable entry that keeps the name of the user who entered it (a visit, a movement of goods, a grant). */
export interface EnteredRow extends VoidableRow {
  created_by: string;
}

/**
 * A person on one of the township's own registers beside the case ledger (儿童福利, 养老服务): identified by the ID
 * number, living in a 村(社区), registered on a date and ended (退出) with a date and a reason, never deleted.
 */
export interface RegisteredPersonRow extends StampedRow {
  /** The case ledger's person with the same ID number, when there is one at registration. */
  person_id: string | null;
  /** GB 11643, normalised; unique among active entries. */
  id_number: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  village_id: string;
  address: string | null;
  registered_on: string;
  status: 'active' | 'ended';
  ended_on: string | null;
  end_reason: string | null;
  remark: string | null;
}

/** A visit (探访) to a person on a register: when, how, by whom, what was found, and what was passed on. */
export interface VisitRow<Way extends string> extends EnteredRow {
  visited_on: string;
  way: Way;
  visitor: string;
  /** 生活/安全/赡养情况. */
  findings: string;
  /** 发现问题. */
  problems: string | null;
  /** 转介/处置. */
  referral: string | null;
}

/** The columns a visit's view shows as stored, under their view names (`camelFields`). */
export const VISIT_VIEW_COLUMNS = [
  'id',
  'visited_on',
  'way',
  'visitor',
  'findings',
  'problems',
  'referral',
  'void_reason',
  'version',
] as const;
