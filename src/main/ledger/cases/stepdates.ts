// The order of a case's dated steps (issue 20: the rules cannot be skipped). Every workflow step is dated no later
// than today (China time) and no earlier than the step before it; 公示期满 only after the 公示 period has ended;
// 审核确认 only on or after 公示期满. Each refusal names the step and both dates, and nothing is written.
import { LedgerError, rule } from '../../../shared/errors';
import { addDays, today } from '../../../shared/time';
import type { ServiceContext } from '../kernel';

/** Chinese names of a case's steps, as its page lists them. */
export const STEP_LABELS: Record<string, string> = {
  apply: '申请',
  accept: '受理',
  investigate: '入户调查及信息核对',
  preliminary: '初审',
  publicize: '公示',
  objection: '公示异议',
  deliberation: '民主评议',
  end_publicity: '公示期满',
  approve: '审核确认',
  reject: '不予确认',
  withdraw: '撤回',
  advance_grant: '先行救助',
  paperwork: '补办手续',
  recheck: '复核',
  change_amount: '金额变更',
  standard_adjust: '标准调整',
  taper: '渐退',
  stop: '停止',
  member_death: '成员死亡',
  member_add: '成员增加',
  member_remove: '成员减少',
  kin: '近亲属备案',
  id_exception: '无身份证号例外',
  import: '导入',
  import_confirm: '导入确认',
  import_reject: '导入驳回',
};

/** The same as the refusals say them (the dated moment, not the whole step). */
export const STEP_NAMES: Record<string, string> = { ...STEP_LABELS, investigate: '入户调查', publicize: '公示开始' };

/** The application's steps up to the decision (their dates must run forward). */
export const WORKFLOW_STEPS = [
  'apply',
  'accept',
  'investigate',
  'preliminary',
  'publicize',
  'objection',
  'deliberation',
  'end_publicity',
] as const;

export interface StepRow {
  step: string;
  on_date: string;
  created_at: string;
  data: Record<string, unknown>;
}

/** The case's steps of the given kinds, oldest entry first. */
export async function stepsOf(ctx: ServiceContext, caseId: string, steps: readonly string[]): Promise<StepRow[]> {
  const rows = await ctx.db
    .selectFrom('case_steps')
    .select(['step', 'on_date', 'created_at', 'detail'])
    .where('case_id', '=', caseId)
    .where('step', 'in', [...steps])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    step: r.step,
    on_date: r.on_date,
    created_at: r.created_at,
    data: (r.detail ? JSON.parse(r.detail) : {}) as Record<string, unknown>,
  }));
}

/** The latest-dated of the rows (null when none). */
export function latestDated(rows: StepRow[]): StepRow | null {
  let best: StepRow | null = null;
  for (const r of rows) if (!best || r.on_date >= best.on_date) best = r;
  return best;
}

/** `what` dated `d`: not after today (China time). The field is `field` on the form. */
export function assertNotFuture(ctx: ServiceContext, d: string, what: string, field = 'onDate'): void {
  const now = today(ctx.now());
  if (d > now)
    throw new LedgerError('BAD_INPUT', `${what}日期（${d}）不能晚于今天（${now}）`, { [field]: '不能晚于今天' });
}

/** `what` dated `d`: not before the earlier step (when there is one). */
export function assertAfterStep(
  d: string,
  what: string,
  earlier: { on_date: string; step: string } | null,
  field = 'onDate',
): void {
  if (earlier && d < earlier.on_date) {
    const name = STEP_NAMES[earlier.step] ?? earlier.step;
    throw new LedgerError('BAD_INPUT', `${what}日期（${d}）不能早于${name}日期（${earlier.on_date}）`, {
      [field]: `不能早于${name}日期`,
    });
  }
}

/** Both: a step dated `d` is neither in the future nor before the latest-dated step of the application. */
export async function assertStepDate(
  ctx: ServiceContext,
  caseId: string,
  d: string,
  what: string,
  after: readonly string[] = WORKFLOW_STEPS,
): Promise<void> {
  assertNotFuture(ctx, d, what);
  assertAfterStep(d, what, latestDated(await stepsOf(ctx, caseId, after)));
}

/** The day after the last day of a 公示 (the first day 公示期满 can be recorded). */
export const publicityOverFrom = (endsOn: string) => addDays(endsOn, 1);

/**
 * The state of the current 公示: the latest 公示 entered after the latest 初审 (a re-investigation after an objection
 * gives a new 初审 and a new 公示), and its 公示期满 step if recorded. Null when the current 初审 has no 公示.
 */
export async function currentPublicity(
  ctx: ServiceContext,
  caseId: string,
): Promise<{ startOn: string; endsOn: string; endedOn: string | null } | null> {
  const rows = await stepsOf(ctx, caseId, ['preliminary', 'publicize', 'end_publicity']);
  let pub: StepRow | null = null;
  let ended: StepRow | null = null;
  for (const r of rows) {
    if (r.step === 'preliminary') {
      pub = null;
      ended = null;
    } else if (r.step === 'publicize') {
      pub = r;
      ended = null;
    } else if (pub) ended = r;
  }
  if (!pub) return null;
  const endsOn = typeof pub.data.endsOn === 'string' ? pub.data.endsOn : pub.on_date;
  return { startOn: pub.on_date, endsOn, endedOn: ended?.on_date ?? null };
}

/** 审核确认 (or any decision that needs the 公示 over) dated `d`: the 公示 ended and was recorded on or before `d`. */
export async function assertPublicityOver(ctx: ServiceContext, caseId: string, d: string, doing: string) {
  const p = await currentPublicity(ctx, caseId);
  if (!p) return;
  if (!p.endedOn) throw rule(`公示期至 ${p.endsOn} 止，尚未登记公示期满，不能${doing}`, { onDate: '公示期未满' });
  if (d < p.endedOn || d <= p.endsOn)
    throw new LedgerError(
      'BAD_INPUT',
      `${doing}日期（${d}）不能早于公示期满日期（${p.endedOn}）：公示期至 ${p.endsOn} 止`,
      { onDate: '不能早于公示期满' },
    );
}
