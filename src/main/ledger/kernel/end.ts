// Ending a row that stays on its register (a child's file, an elderly person's registration, a household under
// monitoring): status 'ended' with the date and the reason, never deleted. One write with one journal entry shape.
import type { Selectable } from 'kysely';
import type { DB } from '../db';
import type { ServiceContext } from './context';
import { updateVersioned, type VersionedPatch, type VersionedRow, type VersionedTable } from './write';

/** Tables whose rows are 'active' until they end with a date and a reason. */
export type EndableTable = {
  [T in VersionedTable]: Selectable<DB[T]> extends {
    status: 'active' | 'ended';
    ended_on: string | null;
    end_reason: string | null;
  }
    ? T
    : never;
}[VersionedTable];

/**
 * Ends `current` (the active row the service loaded and checked) on `endedOn` for `reason`, through updateVersioned:
 * the stale-edit check against `expectedVersion`, the version bump, and the journal entry status active -> ended
 * with the date, under `action` with the reason.
 */
export async function endVersioned<T extends EndableTable>(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'journal'>,
  table: T,
  current: VersionedRow<T>,
  expectedVersion: number,
  endedOn: string,
  reason: string,
  write: { action: string; what: string },
): Promise<VersionedRow<T>> {
  const { id } = current as unknown as { id: string };
  const patch = { status: 'ended', ended_on: endedOn, end_reason: reason } as unknown as VersionedPatch<T>;
  return updateVersioned(ctx, table, id, expectedVersion, patch, {
    action: write.action,
    what: write.what,
    reason,
    current,
    entry: { before: { status: 'active' }, after: { status: 'ended', ended_on: endedOn } },
  });
}
