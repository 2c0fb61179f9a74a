// Changes to cases already in the ledger that an import brings (a field, an amount, a stop, a resumption, a
// member): written through the write kernel, each refused when its case moved on since the import was planned —
// at once (an import that counts at once) or when a reviewer confirms the import's batch (batches.ts).
import { actorOf, updateVersioned, type ServiceContext, type VersionedPatch } from '../kernel';
import { newId, nowIso } from '../ids';
import type { ChangeOp } from './cases-plan';

/** A change to an existing case, with the version of the case it was planned against and how a clerk names it. */
export interface CaseOpItem {
  op: CaseChangeOp;
  version: number;
  what: string;
}

export type CaseChangeOp = Extract<
  ChangeOp,
  { kind: 'case.set' | 'case.amount' | 'case.stop' | 'case.resume' | 'case.addMember' }
>;

export const isCaseOp = (op: ChangeOp): op is CaseChangeOp => op.kind.startsWith('case.');

/**
 * Applies changes to existing cases through the write kernel: each is refused (“…已被他人修改”) when its case moved on
 * since the import was planned; several changes to one case follow each other. Amounts change only through dated
 * adjustments: a correction effective from the month of the import.
 */
export async function applyCaseOps(
  ctx: ServiceContext,
  items: CaseOpItem[],
  env: { reason: string; nowMonth: string; personId: (idNumber: string) => Promise<string | null> },
): Promise<void> {
  const actor = actorOf(ctx);
  const at = nowIso(ctx.now());
  const { reason } = env;
  const versions = new Map<string, number>();
  for (const { op, version, what } of items) {
    const expected = versions.get(op.caseId) ?? version;
    const save = async (patch: VersionedPatch<'cases'>, action: string, extra?: Record<string, unknown>) => {
      const saved = await updateVersioned(ctx, 'cases', op.caseId, expected, patch, {
        action,
        what,
        reason,
        ...(extra ? { extra: { after: extra } } : {}),
      });
      versions.set(op.caseId, saved.version);
    };
    switch (op.kind) {
      case 'case.set':
        await save({ [op.column]: op.after }, 'case.update');
        break;
      case 'case.amount':
        await ctx.db
          .insertInto('case_amounts')
          .values({
            id: newId(),
            case_id: op.caseId,
            effective_month: env.nowMonth,
            amount_fen: op.after,
            base_fen: op.base,
            supplement_fen: op.supplement,
            kind: 'correction',
            reason,
            created_by: actor.id,
            created_at: at,
          })
          .execute();
        await save({ monthly_amount_fen: op.after }, 'case.amount', { effective_month: env.nowMonth });
        break;
      case 'case.stop':
        await save({ status: 'stopped', stop_month: op.stopMonth, stop_reason: op.reason }, 'case.stop');
        await ctx.db
          .updateTable('case_members')
          .set({ stop_month: op.stopMonth })
          .where('case_id', '=', op.caseId)
          .where('stop_month', 'is', null)
          .execute();
        break;
      case 'case.resume':
        await save({ status: 'active', stop_month: null, stop_reason: null }, 'case.resume');
        break;
      case 'case.addMember': {
        // A newcomer to the household is covered only if joining the household was accepted too.
        const pid = await env.personId(op.idNumber);
        if (!pid) break;
        await ctx.db
          .insertInto('case_members')
          .values({
            id: newId(),
            case_id: op.caseId,
            person_id: pid,
            start_month: op.startMonth,
            stop_month: null,
            created_at: at,
          })
          .execute();
        await ctx.journal({
          action: 'case.member_add',
          entity: 'cases',
          entityId: op.caseId,
          after: { person_id: pid, start_month: op.startMonth },
          reason,
        });
        break;
      }
    }
  }
}
