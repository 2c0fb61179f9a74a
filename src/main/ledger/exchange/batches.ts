// 导入待确认: an import of the case ledger that creates or changes paying cases is a batch (issue 13). Its new cases
// are written at once but carry the batch in cases.pending_batch_id — the payment roll and the month's figures leave
// such cases out — and its changes to existing cases wait in the batch. A reviewer other than the importer confirms
// it (the cases count from then on, the changes are applied through the write kernel) or rejects it with a reason
// (the new cases are withdrawn, the changes dropped; nothing is deleted). The first load of an empty ledger by an
// administrator is not a batch: it counts at once and is journalled as 初始导入 (import.ts).
import type { ImportBatchCaseView, ImportBatchSummary, ImportBatchView } from '../../../shared/api/batches';
import type { Category, Page } from '../../../shared/api/cases';
import { notFound, rule, staleEdit } from '../../../shared/errors';
import { thisMonth } from '../../../shared/time';
import {
  actorOf,
  countOf,
  rowOf,
  rowsOf,
  statementOf,
  todayOf,
  updateVersioned,
  type ServiceContext,
  type VersionedPatch,
} from '../kernel';
import { newId, nowIso } from '../ids';
import { applyCaseOps, isCaseOp, type CaseOpItem } from './case-ops';
import type { CasePlan } from './cases-plan';
import type { ImportBatchesTable } from './tables';
import { finalMonthsTouched, flagAmended, requireCorrection } from './finalmonths';

/** What a batch holds, from the import's plan (new cases) and the case changes it keeps for the reviewer. */
export function batchSummary(plan: CasePlan, changes: number): ImportBatchSummary {
  const households = new Set<string>();
  const persons = new Set<string>();
  const byCategory = new Map<Category, { category: Category; cases: number; monthlyFen: number; grantFen: number }>();
  const s: ImportBatchSummary = {
    households: 0,
    persons: 0,
    cases: 0,
    stoppedCases: 0,
    monthlyFen: 0,
    grantFen: 0,
    changes,
    fromMonth: null,
    byCategory: [],
  };
  for (const [index, bp] of plan.blocks.entries()) {
    if (bp.existingCase) continue;
    const b = bp.block;
    households.add(bp.household?.id ?? `block:${bp.sharesBlock ?? index}`);
    for (const m of b.members) persons.add(m.idNumber);
    s.cases++;
    let c = byCategory.get(b.category);
    if (!c) byCategory.set(b.category, (c = { category: b.category, cases: 0, monthlyFen: 0, grantFen: 0 }));
    c.cases++;
    if (b.category === 'linshi') {
      s.grantFen += b.amountFen ?? 0;
      c.grantFen += b.amountFen ?? 0;
    } else if (b.status === 'stopped') s.stoppedCases++;
    else {
      s.monthlyFen += b.amountFen ?? 0;
      c.monthlyFen += b.amountFen ?? 0;
    }
    if (s.fromMonth === null || b.startMonth < s.fromMonth) s.fromMonth = b.startMonth;
  }
  s.households = households.size;
  s.persons = persons.size;
  s.byCategory = [...byCategory.values()].sort((a, b) => b.cases - a.cases);
  return s;
}

/** Opens a batch for an import (in the import's transaction); its cases are then written with its id. */
export async function openBatch(
  ctx: ServiceContext,
  input: {
    kind: string;
    fileName: string;
    sha256: string;
    summary: ImportBatchSummary;
    correctionReason: string | null;
  },
): Promise<{ id: string; no: number }> {
  const actor = actorOf(ctx);
  const at = nowIso(ctx.now());
  const last = await ctx.db
    .selectFrom('import_batches')
    .select((eb) => eb.fn.max('no').as('no'))
    .executeTakeFirst();
  const batch = { id: newId(), no: Number(last?.no ?? 0) + 1 };
  await ctx.db
    .insertInto('import_batches')
    .values({
      id: batch.id,
      no: batch.no,
      kind: input.kind,
      file_name: input.fileName,
      file_sha256: input.sha256,
      status: 'pending',
      imported_by: actor.id,
      imported_by_name: actor.name,
      imported_at: at,
      summary: JSON.stringify(input.summary),
      pending_changes: '[]',
      correction_reason: input.correctionReason,
      decided_by: null,
      decided_by_name: null,
      decided_at: null,
      decision_reason: null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  await ctx.journal({
    action: 'import.batch',
    entity: 'import_batches',
    entityId: batch.id,
    after: { no: batch.no, file: input.fileName, status: 'pending', ...input.summary },
    reason: `导入《${input.fileName}》待审核人确认（批次 ${batch.no}）`,
  });
  return batch;
}

/**
 * Keeps the import's changes to existing cases in its batch, for the reviewer. Part of creating the batch, in the
 * same transaction (the batch row is not yet visible to anyone else), so its version stays 1.
 */
export async function keepBatchChanges(ctx: ServiceContext, batchId: string, items: CaseOpItem[]): Promise<void> {
  if (items.length === 0) return;
  await ctx.db
    .updateTable('import_batches')
    .set({ pending_changes: JSON.stringify(items) })
    .where('id', '=', batchId)
    .where('status', '=', 'pending')
    .execute();
}

function view(ctx: ServiceContext, b: ImportBatchesTable): ImportBatchView {
  return {
    id: b.id,
    no: b.no,
    kind: b.kind,
    fileName: b.file_name,
    status: b.status,
    importedByName: b.imported_by_name,
    importedAt: b.imported_at,
    mine: ctx.actor?.id === b.imported_by,
    summary: JSON.parse(b.summary) as ImportBatchSummary,
    correctionReason: b.correction_reason,
    decidedByName: b.decided_by_name,
    decidedAt: b.decided_at,
    decisionReason: b.decision_reason,
    version: b.version,
  };
}

export async function listBatches(
  ctx: ServiceContext,
  input: {
    status?: 'pending' | 'confirmed' | 'rejected' | 'all' | undefined;
    batch?: string | undefined;
    offset: number;
    limit: number;
  },
): Promise<Page<ImportBatchView>> {
  let q = ctx.db.selectFrom('import_batches');
  const status = input.status ?? 'pending';
  if (status !== 'all') q = q.where('status', '=', status);
  if (input.batch) {
    const n = /^\d{1,9}$/.test(input.batch) ? Number(input.batch) : -1;
    const ref = input.batch;
    q = q.where((eb) => eb.or([eb('no', '=', n), eb('id', '=', ref)]));
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await q.selectAll().orderBy('no', 'desc').limit(input.limit).offset(input.offset).execute();
  return { total: Number(total?.n ?? 0), rows: rows.map((b) => view(ctx, b)) };
}

export function batchCases(
  ctx: ServiceContext,
  input: { id: string; offset: number; limit: number },
): Page<ImportBatchCaseView> {
  const raw = ctx.ledger.raw;
  // While the batch waits its cases carry its id; once decided, their 导入确认/导入驳回 step names the batch.
  const b = rowOf<{ status: string }>(raw, 'SELECT status FROM import_batches WHERE id = ?', input.id);
  if (!b) throw notFound('导入批次');
  const where =
    b.status === 'pending'
      ? 'c.pending_batch_id = @id'
      : `c.id IN (SELECT s.case_id FROM case_steps s WHERE s.step IN ('import_confirm', 'import_reject')
          AND json_extract(s.detail, '$.batchId') = @id)`;
  const total = countOf(raw, `SELECT count(*) FROM cases c WHERE ${where}`, { id: input.id });
  const rows = rowsOf<ImportBatchCaseView>(
    raw,
    `SELECT c.id AS caseId, c.household_id AS householdId, coalesce(pp.name, hp.name) AS name, v.name AS villageName,
         c.category, c.status, c.start_month AS startMonth, c.stop_month AS stopMonth,
         c.monthly_amount_fen AS monthlyAmountFen, c.grant_amount_fen AS grantAmountFen,
         (SELECT count(*) FROM case_members m WHERE m.case_id = c.id) AS persons
       FROM cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
       LEFT JOIN people pp ON pp.id = c.person_id LEFT JOIN people hp ON hp.id = h.head_person_id
       WHERE ${where} ORDER BY v.sort_order, c.id LIMIT @limit OFFSET @offset`,
    { id: input.id, limit: input.limit, offset: input.offset },
  );
  return { total, rows };
}

async function loadPending(
  ctx: ServiceContext,
  id: string,
  version: number,
  doing: string,
): Promise<ImportBatchesTable> {
  const b = await ctx.db.selectFrom('import_batches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!b) throw notFound('导入批次');
  if (b.status !== 'pending') {
    throw rule(
      `导入批次 ${b.no}《${b.file_name}》已由${b.decided_by_name ?? ''}${b.status === 'confirmed' ? '确认' : '驳回'}，不能再${doing}`,
    );
  }
  if (b.version !== version) throw staleEdit(`导入批次 ${b.no}`);
  return b;
}

async function pendingCases(ctx: ServiceContext, batchId: string) {
  return ctx.db.selectFrom('cases').selectAll().where('pending_batch_id', '=', batchId).orderBy('id').execute();
}

/**
 * The reviewer's decision on each of the batch's new cases: saved with `patch` through the write kernel (journalled
 * as `action`), then an 导入确认/导入驳回 step on each.
 */
async function decideCases(
  ctx: ServiceContext,
  b: ImportBatchesTable,
  cases: Awaited<ReturnType<typeof pendingCases>>,
  decision: { patch: VersionedPatch<'cases'>; action: string; step: string; reason: string },
  detail: Record<string, unknown>,
): Promise<void> {
  const { reason } = decision;
  for (const c of cases) {
    await updateVersioned(ctx, 'cases', c.id, c.version, decision.patch, {
      action: decision.action,
      what: '该案件',
      reason,
      current: c,
      extra: { after: { batch: b.no } },
    });
  }
  const actor = actorOf(ctx);
  const at = nowIso(ctx.now());
  const onDate = todayOf(ctx);
  const stmt = statementOf(
    ctx.ledger.raw,
    `INSERT INTO case_steps (id, case_id, step, on_date, actor_id, actor_name, detail, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const text = JSON.stringify({ batch: b.no, batchId: b.id, file: b.file_name, ...detail });
  for (const c of cases) stmt.run(newId(), c.id, decision.step, onDate, actor.id, actor.name, text, at);
}

/**
 * A reviewer other than the importer confirms the batch: its new cases count from now on (pending mark cleared
 * through the write kernel, an 导入确认 step on each), and its changes to existing cases are applied — each refused
 * if its case was changed since the import. A finalised month the batch touches needs a correction reason (the
 * import's or the reviewer's) and is flagged as amended.
 */
export async function confirmBatch(
  ctx: ServiceContext,
  input: { id: string; version: number; correctionReason?: string | undefined },
): Promise<ImportBatchView> {
  const actor = actorOf(ctx);
  const b = await loadPending(ctx, input.id, input.version, '确认');
  if (b.imported_by === actor.id) {
    throw rule(
      `导入批次 ${b.no}《${b.file_name}》是您导入的，须由导入人以外的审核人确认（经办与审核分离）：您不能确认自己导入的数据`,
    );
  }
  const cases = await pendingCases(ctx, b.id);
  const ops = (JSON.parse(b.pending_changes) as CaseOpItem[]).filter((i) => isCaseOp(i.op));
  // Amount changes were shown as effective from the month of the import: they stay so.
  const importMonth = thisMonth(new Date(b.imported_at));
  const months = await finalMonthsTouched(
    ctx,
    cases.map((c) => ({
      category: c.category,
      startMonth: c.category === 'linshi' ? (c.grant_month ?? '') : (c.start_month ?? ''),
      stopMonth: c.stop_month,
    })),
    ops.map((i) => i.op),
    importMonth,
  );
  const correction = input.correctionReason?.trim() || b.correction_reason || '';
  requireCorrection(months, correction, `导入批次 ${b.no} 会改变已定稿上报的月份`, '未确认');
  await flagAmended(ctx, months, correction);
  const reason = `确认导入批次 ${b.no}《${b.file_name}》`;
  await decideCases(
    ctx,
    b,
    cases,
    { patch: { pending_batch_id: null }, action: 'case.import_confirm', step: 'import_confirm', reason },
    { importedBy: b.imported_by_name },
  );
  await applyCaseOps(ctx, ops, {
    reason,
    nowMonth: importMonth,
    personId: async (idNumber) =>
      (await ctx.db.selectFrom('people').select('id').where('id_number', '=', idNumber).executeTakeFirst())?.id ?? null,
  });
  const saved = await updateVersioned(
    ctx,
    'import_batches',
    b.id,
    b.version,
    { status: 'confirmed', decided_by: actor.id, decided_by_name: actor.name, decided_at: nowIso(ctx.now()) },
    {
      action: 'import.confirm',
      what: `导入批次 ${b.no}`,
      reason: months.length > 0 ? `${reason}（涉及已定稿月份 ${months.join('、')}：${correction}）` : reason,
      current: b,
      extra: {
        after: { cases: cases.length, changes: ops.length, ...(months.length > 0 ? { finalMonths: months } : {}) },
      },
    },
  );
  return view(ctx, saved);
}

/**
 * A reviewer rejects the batch with a reason: its new cases are withdrawn (撤回, journalled, an 导入驳回 step on
 * each; nothing is deleted) and its changes to existing cases are dropped. The people and households the import
 * registered stay in the register (they are not paid and count in no figure); importing the corrected file again
 * finds them.
 */
export async function rejectBatch(
  ctx: ServiceContext,
  input: { id: string; version: number; reason: string },
): Promise<ImportBatchView> {
  const actor = actorOf(ctx);
  const b = await loadPending(ctx, input.id, input.version, '驳回');
  const cases = await pendingCases(ctx, b.id);
  const ops = JSON.parse(b.pending_changes) as CaseOpItem[];
  const reason = `驳回导入批次 ${b.no}《${b.file_name}》：${input.reason}`;
  await decideCases(
    ctx,
    b,
    cases,
    {
      patch: { status: 'withdrawn', pending_batch_id: null, due_task: null, due_on: null },
      action: 'case.import_reject',
      step: 'import_reject',
      reason,
    },
    { reason: input.reason },
  );
  const saved = await updateVersioned(
    ctx,
    'import_batches',
    b.id,
    b.version,
    {
      status: 'rejected',
      decided_by: actor.id,
      decided_by_name: actor.name,
      decided_at: nowIso(ctx.now()),
      decision_reason: input.reason,
    },
    {
      action: 'import.reject',
      what: `导入批次 ${b.no}`,
      reason,
      current: b,
      extra: { after: { cases: cases.length, changesDropped: ops.length } },
    },
  );
  return view(ctx, saved);
}
