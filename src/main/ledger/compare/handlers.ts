// Handlers of the 数据比对 slice (src/shared/api/compare.ts).
import {
  CHECK_OUTCOME_LABELS,
  type CheckOutcomeValue,
  type CompareBatchView,
  type CompareEffectValue,
  type CompareHitView,
  type CompareListValue,
  type compareApi,
} from '../../../shared/api/compare';
import { LedgerError, notFound, rule } from '../../../shared/errors';
import { maskIdNumber } from '../../../shared/mask';
import { today } from '../../../shared/time';
import type { DB } from '../db';
import {
  actorOf,
  camelFields,
  countOf,
  rowOf,
  rowsOf,
  updateVersioned,
  type Handlers,
  type ServiceContext,
} from '../kernel';
import { phased, runWork } from '../work';
import { recordCompare } from './compare';

interface HitRow {
  id: string;
  batch_id: string;
  row: number;
  person_id: string;
  name: string;
  effect: CompareEffectValue;
  cases: string;
  columns: string;
  status: 'open' | 'closed';
  due_on: string;
  outcome: CheckOutcomeValue | null;
  outcome_note: string | null;
  checked_on: string | null;
  checked_by: string | null;
  version: number;
  list: CompareListValue;
  file_name: string;
  ledger_name: string | null;
  id_number: string | null;
  checked_by_name: string | null;
}

const HIT_SQL = `SELECT h.*, b.list, b.file_name, coalesce(p.name, e.name, ch.name) AS ledger_name,
    coalesce(p.id_number, e.id_number, ch.id_number) AS id_number, u.display_name AS checked_by_name
  FROM compare_hits h JOIN compare_batches b ON b.id = h.batch_id
  LEFT JOIN people p ON p.id = h.person_id LEFT JOIN elderly_people e ON e.id = h.person_id
  LEFT JOIN children ch ON ch.id = h.person_id
  LEFT JOIN users u ON u.id = h.checked_by`;

const hitFields = camelFields<HitRow>()([
  'id',
  'batch_id',
  'list',
  'file_name',
  'row',
  'name',
  'effect',
  'person_id',
  'status',
  'due_on',
  'outcome',
  'outcome_note',
  'checked_on',
  'checked_by_name',
  'version',
]);

function hitView(r: HitRow, day: string): CompareHitView {
  return {
    ...hitFields(r),
    idMasked: r.id_number ? maskIdNumber(r.id_number) : '',
    cases: JSON.parse(r.cases) as CompareHitView['cases'],
    ledgerName: r.ledger_name ?? '',
    columns: JSON.parse(r.columns) as Record<string, string>,
    overdue: r.status === 'open' && r.due_on < day,
  };
}

type BatchRow = DB['compare_batches'] & { by_name: string | null; open: number };
const batchFields = camelFields<BatchRow>()([
  'id',
  'list',
  'file_name',
  'file_sha256',
  'compared_on',
  'rows',
  'hits',
  'not_on_ledger',
  'bad_rows',
  'recorded_deaths',
  'open',
]);

function oneHit(ctx: ServiceContext, id: string): CompareHitView {
  const r = rowOf<HitRow>(ctx.ledger.raw, `${HIT_SQL} WHERE h.id = ?`, id);
  if (!r) throw notFound('该比对疑点');
  return hitView(r, today(ctx.now()));
}

export const compareHandlers: Handlers<typeof compareApi> = {
  // The list is read and matched in a worker thread before the transaction (the host keeps answering, with
  // progress); the batch, its work items and any deaths are recorded in it.
  'compare.run': phased<(typeof compareApi)['compare.run']>()(
    (ctx, input) =>
      runWork(
        ctx,
        'compare.analyse',
        {
          list: input.list,
          fileName: input.fileName,
          bytes: new Uint8Array(Buffer.from(input.data, 'base64')),
          record: input.record,
        },
        { method: 'compare.run', what: '数据比对' },
      ),
    (ctx, _input, analysis) => recordCompare(ctx, analysis),
  ),
  'compare.batches': async (ctx) => {
    const rows = rowsOf<BatchRow>(
      ctx.ledger.raw,
      `SELECT b.*, u.display_name AS by_name,
         (SELECT count(*) FROM compare_hits h WHERE h.batch_id = b.id AND h.status = 'open') AS open
       FROM compare_batches b LEFT JOIN users u ON u.id = b.created_by ORDER BY b.created_at DESC LIMIT 200`,
    );
    return rows.map((b): CompareBatchView => ({
      ...batchFields(b),
      byName: b.by_name ?? '',
      counts: JSON.parse(b.counts) as CompareBatchView['counts'],
    }));
  },
  'compare.hits': async (ctx, input) => {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: input.limit, offset: input.offset };
    if (input.batchId) {
      where.push('h.batch_id = @batchId');
      params.batchId = input.batchId;
    }
    if (input.status) {
      where.push('h.status = @status');
      params.status = input.status;
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const raw = ctx.ledger.raw;
    const total = countOf(raw, `SELECT count(*) AS n FROM compare_hits h ${w}`, params);
    const rows = rowsOf<HitRow>(
      raw,
      `${HIT_SQL} ${w} ORDER BY h.status DESC, h.due_on, h.batch_id, h.row LIMIT @limit OFFSET @offset`,
      params,
    );
    const day = today(ctx.now());
    return { total, rows: rows.map((r) => hitView(r, day)) };
  },
  'compare.check': async (ctx, input) => {
    const actor = actorOf(ctx);
    const h = await ctx.db.selectFrom('compare_hits').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!h) throw notFound('该比对疑点');
    if (h.status === 'closed') throw rule(`该疑点已核查（${CHECK_OUTCOME_LABELS[h.outcome as CheckOutcomeValue]}）`);
    if (input.checkedOn > today(ctx.now()))
      throw new LedgerError('BAD_INPUT', '核查日期不能晚于今天', { checkedOn: '不能晚于今天' });
    await updateVersioned(
      ctx,
      'compare_hits',
      h.id,
      input.version,
      {
        status: 'closed',
        outcome: input.outcome,
        outcome_note: input.note,
        checked_on: input.checkedOn,
        checked_by: actor.id,
      },
      { action: 'compare.check', what: '该比对疑点', reason: input.note, current: h },
    );
    return oneHit(ctx, h.id);
  },
};
