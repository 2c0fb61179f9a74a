// 追回登记: an overpayment (confirmed rolls that paid months after the last eligible month) is followed until it is
// recovered (退回, or 抵扣丧葬费 — deducted from the one-off funeral grant), partly recovered, found unrecoverable
// (with the reason) or written off by a reviewer (核销, reasoned). Each step is a dated row; nothing is deleted.
import {
  OVERPAYMENT_STATUS_LABELS,
  type OverpaymentStatusValue,
  type OverpaymentView,
} from '../../../shared/api/lifeevents';
import { LedgerError, rule } from '../../../shared/errors';
import { formatYuan } from '../../../shared/money';
import { actorOf, todayOf, loadForEdit, updateLoaded, type ServiceContext } from '../kernel';
import { newId, nowIso } from '../ids';
import type { OverpaymentRecoveriesTable, OverpaymentsTable } from './tables';

const yuan = (fen: number) => `${formatYuan(fen)} 元`;
const outstanding = (o: OverpaymentsTable) => o.amount_fen - o.recovered_fen - o.written_off_fen;

const WHAT = '该多发待追回记录';
const load = (ctx: ServiceContext, id: string, version: number): Promise<OverpaymentsTable> =>
  loadForEdit(ctx, 'overpayments', id, version, WHAT);

async function update(
  ctx: ServiceContext,
  o: OverpaymentsTable,
  patch: Partial<OverpaymentsTable>,
  action: string,
  reason: string | null,
): Promise<void> {
  const before: Record<string, unknown> = {};
  for (const k of Object.keys(patch)) before[k] = o[k as keyof OverpaymentsTable];
  await updateLoaded(ctx, 'overpayments', o, patch, { action, what: WHAT, reason, entry: { before, after: patch } });
}

/** One line of an overpayment's recovery record (追回, 无法追回, 核销), by the clerk, dated `onDate`. */
async function addEntry(
  ctx: ServiceContext,
  o: { id: string },
  onDate: string,
  entry: Pick<OverpaymentRecoveriesTable, 'kind' | 'method' | 'amount_fen' | 'note'>,
): Promise<void> {
  await ctx.db
    .insertInto('overpayment_recoveries')
    .values({
      id: newId(),
      overpayment_id: o.id,
      on_date: onDate,
      ...entry,
      created_by: actorOf(ctx).id,
      created_at: nowIso(ctx.now()),
    })
    .execute();
}

export async function recover(
  ctx: ServiceContext,
  input: {
    id: string;
    version: number;
    onDate: string;
    amountFen: number;
    method: 'refund' | 'funeral_offset';
    note?: string | null | undefined;
  },
): Promise<void> {
  const o = await load(ctx, input.id, input.version);
  if (o.status !== 'pending' && o.status !== 'partial')
    throw rule(`该记录已是“${OVERPAYMENT_STATUS_LABELS[o.status]}”，不能再登记追回`);
  if (input.onDate > todayOf(ctx))
    throw new LedgerError('BAD_INPUT', '追回日期不能晚于今天', { onDate: '不能晚于今天' });
  const left = outstanding(o);
  if (input.amountFen > left)
    throw rule(`追回金额 ${yuan(input.amountFen)} 超过尚未追回的 ${yuan(left)}`, { amountFen: `不超过 ${yuan(left)}` });
  await addEntry(ctx, o, input.onDate, {
    kind: 'recovery',
    method: input.method,
    amount_fen: input.amountFen,
    note: input.note ?? null,
  });
  const recovered = o.recovered_fen + input.amountFen;
  const status: OverpaymentStatusValue = recovered + o.written_off_fen >= o.amount_fen ? 'recovered' : 'partial';
  await update(ctx, o, { recovered_fen: recovered, status }, 'overpayment.recover', input.note ?? null);
}

export async function close(
  ctx: ServiceContext,
  input: { id: string; version: number; onDate: string; kind: 'unrecoverable' | 'write_off'; reason: string },
): Promise<void> {
  const o = await load(ctx, input.id, input.version);
  if (o.status !== 'pending' && o.status !== 'partial')
    throw rule(`该记录已是“${OVERPAYMENT_STATUS_LABELS[o.status]}”`);
  const left = outstanding(o);
  await addEntry(ctx, o, input.onDate, { kind: input.kind, method: null, amount_fen: left, note: input.reason });
  await update(
    ctx,
    o,
    { written_off_fen: o.written_off_fen + left, status: input.kind === 'write_off' ? 'written_off' : 'unrecoverable' },
    `overpayment.${input.kind}`,
    input.reason,
  );
}

export async function listOverpayments(
  ctx: ServiceContext,
  input: { status?: OverpaymentStatusValue | undefined; ids?: string[] },
): Promise<OverpaymentView[]> {
  let q = ctx.db
    .selectFrom('overpayments as o')
    .innerJoin('cases as c', 'c.id', 'o.case_id')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .selectAll('o')
    .select(['c.category', 'p.name', 'p.deceased_on']);
  if (input.status) q = q.where('o.status', '=', input.status);
  if (input.ids) q = q.where('o.id', 'in', input.ids.length > 0 ? input.ids : ['']);
  const rows = await q.orderBy('o.created_at', 'desc').limit(500).execute();
  const steps = rows.length
    ? await ctx.db
        .selectFrom('overpayment_recoveries as r')
        .leftJoin('users as u', 'u.id', 'r.created_by')
        .selectAll('r')
        .select('u.display_name')
        .where(
          'r.overpayment_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('r.on_date')
        .orderBy('r.created_at')
        .execute()
    : [];
  return rows.map((o) => ({
    id: o.id,
    caseId: o.case_id,
    category: o.category,
    personId: o.person_id,
    personName: o.name,
    diedOn: o.deceased_on,
    firstMonth: o.first_month,
    lastMonth: o.last_month,
    months: JSON.parse(o.months) as OverpaymentView['months'],
    amountFen: o.amount_fen,
    recoveredFen: o.recovered_fen,
    writtenOffFen: o.written_off_fen,
    outstandingFen: outstanding(o),
    status: o.status,
    reason: o.reason,
    recoveries: steps
      .filter((s) => s.overpayment_id === o.id)
      .map((s) => ({
        onDate: s.on_date,
        kind: s.kind,
        method: s.method,
        amountFen: s.amount_fen,
        note: s.note,
        byName: s.display_name ?? '',
      })),
    version: o.version,
  }));
}
