// Dated standards (保障标准) and the adjustments a new standard proposes. An approved amount is never recomputed
// silently: `proposeAdjustments` lists what would change, a clerk confirms (a case_amounts row, kind 'standard').
import type { StandardEntry, StandardProposal } from '../../../shared/api/cases';
import { LedgerError, conflict, rule, staleEdit } from '../../../shared/errors';
import { label } from '../../../shared/labels';
import { actorOf, rowsOf, type ServiceContext } from '../kernel';
import { newId, nowIso } from '../ids';
import { putSetting } from '../settings';
import { addAmountRow, addStep, amountFor, amountInEffect, assertMonthWritable, loadCase, patchCase } from './caseops';
import { listStandards, STANDARD_FIELDS, STANDARDS_KEY, standardFor } from './settings';
import type { CasesTable } from './tables';

export type StandardInput = Omit<StandardEntry, 'id' | 'createdAt' | 'createdByName'>;

export async function putStandard(ctx: ServiceContext, input: StandardInput): Promise<StandardEntry> {
  const missing = STANDARD_FIELDS[input.category].filter((k) => input[k] === undefined);
  if (missing.length > 0) {
    throw new LedgerError(
      'BAD_INPUT',
      `${label('caseCategory', input.category)}的标准缺少：${missing.join('、')}`,
      Object.fromEntries(missing.map((k) => [k, '请填写'])),
    );
  }
  if (input.category === 'dibao' && input.method === 'band' && (input.bands ?? []).length === 0) {
    throw new LedgerError('BAD_INPUT', '按分档发放时请至少录入一个档次', { bands: '请录入档次' });
  }
  const all = await listStandards(ctx.db);
  if (
    all.some((s) => s.category === input.category && s.area === input.area && s.effectiveMonth === input.effectiveMonth)
  ) {
    throw conflict(
      `${label('area', input.area)}${label('caseCategory', input.category)}已有 ${input.effectiveMonth} 起执行的标准；标准只增不改，请录入新的起始月份`,
    );
  }
  const entry: StandardEntry = {
    ...input,
    id: newId(),
    createdAt: nowIso(ctx.now()),
    createdByName: actorOf(ctx).name,
  };
  await putSetting(ctx.db, STANDARDS_KEY, [...all, entry], entry.createdAt);
  await ctx.journal({ action: 'standard.add', entity: 'settings', entityId: STANDARDS_KEY, after: entry });
  return entry;
}

interface PayingCase extends CasesTable {
  name: string | null;
  village: string;
}

/** Cases in payment in `month` whose amount the standard in force would change. Nothing is written. */
export async function proposeAdjustments(
  ctx: ServiceContext,
  month: string,
  category?: string,
): Promise<StandardProposal[]> {
  const standards = await listStandards(ctx.db);
  const rows = rowsOf<PayingCase>(
    ctx.ledger.raw,
    `SELECT c.*, coalesce(pp.name, hp.name) AS name, v.name AS village FROM cases c
       JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
       LEFT JOIN people pp ON pp.id = c.person_id LEFT JOIN people hp ON hp.id = h.head_person_id
       WHERE c.status IN ('active','stopped') AND c.category <> 'linshi' AND c.start_month <= @m
         AND (c.stop_month IS NULL OR c.stop_month > @m) AND (@cat IS NULL OR c.category = @cat)
       ORDER BY v.sort_order, c.id`,
    { m: month, cat: category ?? null },
  );
  const out: StandardProposal[] = [];
  for (const c of rows) {
    const s = standardFor(standards, c.category, c.area, month);
    if (!s) continue;
    const current = await amountInEffect(ctx, c.id, month);
    // Only a standard that took effect after the amount was set proposes anything; 渐退 amounts are left alone.
    if (!current || current.kind === 'taper' || s.effectiveMonth <= current.effective_month) continue;
    let calc;
    try {
      calc = await amountFor(ctx, c, month);
    } catch {
      continue; // e.g. a band case whose band the new standard no longer has: handled by hand
    }
    if (calc.amountFen === current.amount_fen) continue;
    out.push({
      caseId: c.id,
      caseVersion: c.version,
      householdId: c.household_id,
      name: c.name,
      villageName: c.village,
      category: c.category,
      currentFen: current.amount_fen,
      proposedFen: calc.amountFen,
      proposedBaseFen: calc.baseFen,
      proposedSupplementFen: calc.supplementFen,
      standardMonth: s.effectiveMonth,
      explain: calc.explain,
    });
  }
  return out;
}

export async function confirmAdjustments(
  ctx: ServiceContext,
  input: { month: string; items: { caseId: string; caseVersion: number }[]; lockReason?: string | null | undefined },
): Promise<number> {
  await assertMonthWritable(ctx, input.month, input.lockReason);
  const proposals = new Map((await proposeAdjustments(ctx, input.month)).map((p) => [p.caseId, p]));
  for (const item of input.items) {
    const c = await loadCase(ctx, item.caseId);
    if (c.version !== item.caseVersion) throw staleEdit(`案件（${c.case_no ?? c.id.slice(-6)}）`);
    const p = proposals.get(c.id);
    if (!p) throw rule('所选对象按现行标准无需调整（或已调整），请刷新调整清单');
    const reason = `${p.standardMonth} 起执行新标准`;
    await addStep(ctx, c.id, 'standard_adjust', `${input.month}-01`, {
      fromFen: p.currentFen,
      toFen: p.proposedFen,
      explain: p.explain,
    });
    const latest = await addAmountRow(ctx, c, {
      effectiveMonth: input.month,
      baseFen: p.proposedBaseFen,
      supplementFen: p.proposedSupplementFen,
      kind: 'standard',
      reason,
    });
    await patchCase(
      ctx,
      c,
      { monthly_amount_fen: latest },
      'case.standard_adjust',
      input.lockReason ? `${reason}（更正：${input.lockReason}）` : reason,
    );
  }
  return input.items.length;
}
