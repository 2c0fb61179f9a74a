// 审核确认 and the other ends of the application: 不予确认, 撤回, and 临时救助's 先行救助 with paperwork afterwards.
// Maker-checker: the user who entered a case never approves it.
import { ledgerCalendar, actorOf, todayOf, type ServiceContext } from '../kernel';
import { LedgerError, rule } from '../../../shared/errors';
import { addMonths, addWorkingDays, monthOf, nextMonth } from '../../../shared/time';
import { label } from '../../../shared/labels';
import { formatYuan } from '../../../shared/money';
import { putSetting } from '../settings';
import { nowIso } from '../ids';
import { linshiCap } from './amounts';
import {
  addAmountRow,
  addMonthsToDate,
  addStep,
  amountFor,
  assertMonthWritable,
  CYCLE_MONTHS,
  loadCase,
  patchCase,
} from './caseops';
import { assertNoExclusion } from './rules';
import { FROM_APPLICATION_MONTH, getCaseSettings, listStandards, RESERVE_KEY, reserveBalance } from './settings';
import { assertCoveredIdentified } from './identity';
import { assertPublicityOver, assertStepDate } from './stepdates';
import type { CasesTable } from './tables';

const WORKFLOW = new Set(['applied', 'investigating', 'preliminary', 'publicizing', 'reviewing']);
const yuan = (fen: number) => `${formatYuan(fen)} 元`;

/** Takes a 小额 grant out of the township's 临时救助备用金. */
async function payFromReserve(ctx: ServiceContext, c: CasesTable, amountFen: number): Promise<void> {
  const r = await reserveBalance(ctx.db);
  if (r.balanceFen < amountFen) {
    throw rule(
      `临时救助备用金余额不足：余额 ${yuan(r.balanceFen)}，本次 ${yuan(amountFen)}。请先拨付备用金或报县级审批`,
    );
  }
  await putSetting(ctx.db, RESERVE_KEY, r.balanceFen - amountFen, nowIso(ctx.now()));
  await ctx.journal({
    action: 'reserve.spend',
    entity: 'settings',
    entityId: RESERVE_KEY,
    before: { balance_fen: r.balanceFen },
    after: { balance_fen: r.balanceFen - amountFen, case_id: c.id, amount_fen: amountFen },
  });
}

async function assertLinshiAmount(ctx: ServiceContext, c: CasesTable, amountFen: number, month: string) {
  const settings = await getCaseSettings(ctx.db);
  const cap = linshiCap({ kase: c, standards: await listStandards(ctx.db), settings, month });
  if (amountFen > cap.capFen) {
    throw rule(
      `临时救助金额 ${yuan(amountFen)} 超过上限 ${yuan(cap.capFen)}（${cap.text}）；超出部分须“一事一议”报县级审批`,
      {
        amountFen: '超过上限',
      },
    );
  }
  if (amountFen <= 0) throw new LedgerError('BAD_INPUT', '救助金额应大于 0', { amountFen: '应大于 0' });
  return { small: amountFen <= settings.linshi.smallLimitFen, smallLimitFen: settings.linshi.smallLimitFen };
}

/** A decided case has no task due. */
const NOTHING_DUE = { due_task: null, due_on: null, overall_due_on: null } as const;

export async function approve(
  ctx: ServiceContext,
  input: {
    id: string;
    version: number;
    onDate: string;
    caseNo?: string | null | undefined;
    amountFen?: number | undefined;
    amountReason?: string | null | undefined;
    lockReason?: string | null | undefined;
  },
): Promise<void> {
  const actor = actorOf(ctx);
  const c = await loadCase(ctx, input.id, input.version);
  if (c.status !== 'reviewing')
    throw rule(`该案件当前为“${label('caseStatus', c.status)}”，须公示期满（或初审完成）后才能审核确认`);
  if (c.created_by === actor.id) {
    throw rule('审核确认须由录入人以外的审核人办理：您录入了该案件，不能确认自己的案件（经办与审核分离）');
  }
  // Never before 公示期满 (when the case was publicised), never after today, never before the step before.
  await assertPublicityOver(ctx, c.id, input.onDate, '审核确认');
  await assertStepDate(ctx, c.id, input.onDate, '审核确认');
  // Every person the case will pay for has a checked ID number or a reviewer's recorded exception.
  await assertCoveredIdentified(ctx, c.id, '审核确认');
  const personIds = (
    await ctx.db.selectFrom('case_members').select('person_id').where('case_id', '=', c.id).execute()
  ).map((r) => r.person_id);
  assertNoExclusion(ctx, {
    category: c.category,
    singlePerson: c.single_person === 1,
    householdId: c.household_id,
    personIds,
    selfId: c.id,
    month: todayOf(ctx).slice(0, 7),
  });
  const settings = await getCaseSettings(ctx.db);
  // Approved on the day: in payment, numbered, nothing due; `patch` the category's own columns.
  const approved = (patch: Partial<CasesTable>) =>
    patchCase(
      ctx,
      c,
      { status: 'active', decided_on: input.onDate, ...patch, case_no: input.caseNo ?? c.case_no, ...NOTHING_DUE },
      'case.approve',
      input.lockReason ?? input.amountReason,
    );

  if (c.category === 'linshi') {
    const month = monthOf(input.onDate);
    const grant = input.amountFen ?? c.grant_amount_fen ?? 0;
    await assertMonthWritable(ctx, month, input.lockReason);
    const { small } = await assertLinshiAmount(ctx, c, grant, month);
    if (small) await payFromReserve(ctx, c, grant);
    await addStep(ctx, c.id, 'approve', input.onDate, {
      grantFen: grant,
      fromReserve: small,
      reason: input.amountReason ?? null,
    });
    await approved({ grant_amount_fen: grant, grant_month: month, reserve_paid: small ? 1 : 0 });
    return;
  }

  // 决定之日下月起 (S-57 Art 21; S-43 Art 17); 两项补贴 from the month of application.
  const startMonth = FROM_APPLICATION_MONTH.has(c.category) ? monthOf(c.applied_on) : nextMonth(monthOf(input.onDate));
  await assertMonthWritable(ctx, startMonth, input.lockReason);
  // Covered persons count from the start month.
  await ctx.db
    .updateTable('case_members')
    .set({ start_month: startMonth })
    .where('case_id', '=', c.id)
    .where('stop_month', 'is', null)
    .execute();
  const calc = await amountFor(ctx, c, startMonth);
  if (c.category === 'dibao' && calc.baseFen <= 0) {
    throw rule(
      `家庭月人均收入（${yuan(calc.perCapitaMonthlyIncomeFen ?? 0)}）不低于低保标准，按标准计算的低保金为 0，不符合低保条件；请不予确认`,
    );
  }
  let baseFen = calc.baseFen;
  let supplementFen = calc.supplementFen;
  if (input.amountFen !== undefined && input.amountFen !== calc.amountFen) {
    if (input.amountFen > calc.amountFen) {
      throw rule(`确认金额 ${yuan(input.amountFen)} 超过按标准计算的 ${yuan(calc.amountFen)}，不能高于标准`, {
        amountFen: '超过标准',
      });
    }
    if (!input.amountReason)
      throw new LedgerError('BAD_INPUT', '确认金额与按标准计算的不同，请填写原因', { amountReason: '请填写原因' });
    supplementFen = Math.min(supplementFen, input.amountFen);
    baseFen = input.amountFen - supplementFen;
  }
  const cycle = c.recheck_cycle;
  const stopMonth = c.category === 'gangxing' ? addMonths(startMonth, settings.gangxingValidityMonths) : null;
  await addStep(ctx, c.id, 'approve', input.onDate, {
    startMonth,
    amountFen: baseFen + supplementFen,
    explain: calc.explain,
    reason: input.amountReason ?? null,
  });
  const latest = await addAmountRow(ctx, c, {
    effectiveMonth: startMonth,
    baseFen,
    supplementFen,
    kind: 'initial',
    reason: input.amountReason ?? null,
  });
  await approved({
    start_month: startMonth,
    stop_month: stopMonth,
    stop_reason: stopMonth ? '认定有效期满' : null,
    monthly_amount_fen: latest,
    next_recheck_on: cycle ? addMonthsToDate(input.onDate, CYCLE_MONTHS[cycle]) : null,
  });
}

export async function reject(
  ctx: ServiceContext,
  input: { id: string; version: number; onDate: string; reason: string },
): Promise<void> {
  const c = await loadCase(ctx, input.id, input.version);
  if (!WORKFLOW.has(c.status)) throw rule(`该案件当前为“${label('caseStatus', c.status)}”，不能作不予确认决定`);
  await assertStepDate(ctx, c.id, input.onDate, '不予确认');
  // The written refusal notice is due within 3 working days (S-57 Art 21; S-43 Art 18).
  await addStep(ctx, c.id, 'reject', input.onDate, {
    reason: input.reason,
    noticeDueOn: addWorkingDays(input.onDate, 3, await ledgerCalendar(ctx.db)),
  });
  await patchCase(
    ctx,
    c,
    { status: 'rejected', decided_on: input.onDate, ...NOTHING_DUE },
    'case.reject',
    input.reason,
  );
}

export async function withdraw(
  ctx: ServiceContext,
  input: { id: string; version: number; onDate: string; reason: string },
): Promise<void> {
  const c = await loadCase(ctx, input.id, input.version);
  if (!WORKFLOW.has(c.status)) throw rule(`该案件当前为“${label('caseStatus', c.status)}”，不能撤回`);
  await assertStepDate(ctx, c.id, input.onDate, '撤回');
  await addStep(ctx, c.id, 'withdraw', input.onDate, { reason: input.reason });
  await patchCase(ctx, c, { status: 'withdrawn', ...NOTHING_DUE }, 'case.withdraw', input.reason);
}

/**
 * 先行救助 (急难型, S-临救18 §二(二)): the township pays at once from the 备用金, skipping 核对/评议/公示; the
 * paperwork is completed afterwards (a worklist task). No maker-checker here: the emergency comes first, and the
 * completed paperwork is the check.
 */
export async function grantAdvance(
  ctx: ServiceContext,
  input: { id: string; version: number; onDate: string; amountFen: number },
): Promise<void> {
  const c = await loadCase(ctx, input.id, input.version);
  if (c.category !== 'linshi' || c.linshi_type !== 'emergency' || c.advance_aid !== 1) {
    throw rule('只有登记为“先行救助”的急难型临时救助才能先行发放');
  }
  if (c.status !== 'applied' && c.status !== 'investigating')
    throw rule(`该案件当前为“${label('caseStatus', c.status)}”，不能先行救助`);
  await assertStepDate(ctx, c.id, input.onDate, '先行救助');
  const month = monthOf(input.onDate);
  await assertMonthWritable(ctx, month, null);
  const { small, smallLimitFen } = await assertLinshiAmount(ctx, c, input.amountFen, month);
  if (!small)
    throw rule(`先行救助限于小额（不超过 ${yuan(smallLimitFen)}），超出部分请按支出型或“一事一议”办理`, {
      amountFen: '超过小额上限',
    });
  await payFromReserve(ctx, c, input.amountFen);
  const d = (await getCaseSettings(ctx.db)).deadlines.linshi;
  await addStep(ctx, c.id, 'advance_grant', input.onDate, { grantFen: input.amountFen, fromReserve: true });
  await patchCase(
    ctx,
    c,
    {
      status: 'active',
      decided_on: input.onDate,
      grant_amount_fen: input.amountFen,
      grant_month: month,
      reserve_paid: 1,
      due_task: 'paperwork',
      due_on: addWorkingDays(input.onDate, d.townshipDays, await ledgerCalendar(ctx.db)),
      overall_due_on: null,
    },
    'case.grant_advance',
  );
}

export async function completePaperwork(
  ctx: ServiceContext,
  input: { id: string; version: number; onDate: string; note: string },
): Promise<void> {
  const c = await loadCase(ctx, input.id, input.version);
  if (c.advance_aid !== 1 || c.status !== 'active' || c.paperwork_done_on) throw rule('该案件没有待补办的先行救助手续');
  if (c.decided_on && input.onDate < c.decided_on) throw new LedgerError('BAD_INPUT', '补办日期不能早于救助日期');
  if (input.onDate > todayOf(ctx))
    throw new LedgerError('BAD_INPUT', `补办日期（${input.onDate}）不能晚于今天（${todayOf(ctx)}）`, {
      onDate: '不能晚于今天',
    });
  await addStep(ctx, c.id, 'paperwork', input.onDate, { note: input.note });
  await patchCase(ctx, c, { paperwork_done_on: input.onDate, due_task: null, due_on: null }, 'case.paperwork');
}
