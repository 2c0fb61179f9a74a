// 物资: a small goods register. 入库 from a purchase or a donation, 出库 to a household (a grant in goods, linked to
// its assistance case) or other use. The stock of an item never goes below zero: an issue beyond it is refused,
// and so is voiding a receipt that later issues already used.
import type { Kysely } from 'kysely';
import type { aidApi, GoodsMoveView, GoodsStockRow } from '../../../shared/api/aid';
import { badInput, LedgerError, notFound } from '../../../shared/errors';
import {
  insertVersioned,
  NOT_VOIDED,
  totalOf,
  voidVersioned,
  actorOf,
  todayOf,
  type Handlers,
  type ServiceContext,
} from '../kernel';
import type { DB } from '../db';
import type { GoodsMovesTable } from './tables';

const isIn = (kind: string) => kind === 'in_purchase' || kind === 'in_donation';

export async function stock(db: Kysely<DB>): Promise<GoodsStockRow[]> {
  const items = await db.selectFrom('goods_items').selectAll().orderBy('name').execute();
  const moves = await db
    .selectFrom('goods_moves')
    .select(['item_id', 'kind', 'quantity', 'unit_value_fen'])
    .where('voided', '=', 0)
    .execute();
  const acc = new Map<string, { qty: number; inQty: number; inValue: number }>();
  for (const m of moves) {
    const a = acc.get(m.item_id) ?? { qty: 0, inQty: 0, inValue: 0 };
    if (isIn(m.kind)) {
      a.qty += m.quantity;
      a.inQty += m.quantity;
      a.inValue += m.quantity * m.unit_value_fen;
    } else a.qty -= m.quantity;
    acc.set(m.item_id, a);
  }
  return items.map((i) => {
    const a = acc.get(i.id) ?? { qty: 0, inQty: 0, inValue: 0 };
    const avg = a.inQty > 0 ? a.inValue / a.inQty : 0;
    return { itemId: i.id, name: i.name, unit: i.unit, stock: a.qty, valueFen: Math.round(a.qty * avg) };
  });
}

/** Average unit value of what came in for an item: what an issue of it is worth (fen). */
async function averageInValue(db: Kysely<DB>, itemId: string): Promise<number> {
  const rows = await db
    .selectFrom('goods_moves')
    .select(['quantity', 'unit_value_fen'])
    .where('item_id', '=', itemId)
    .where('voided', '=', 0)
    .where('kind', 'in', ['in_purchase', 'in_donation'])
    .execute();
  const q = rows.reduce((s, r) => s + r.quantity, 0);
  return q === 0 ? 0 : Math.round(rows.reduce((s, r) => s + r.quantity * r.unit_value_fen, 0) / q);
}

export async function movesOf(
  db: Kysely<DB>,
  filter: { itemId?: string; householdId?: string },
  offset = 0,
  limit = 500,
): Promise<{ rows: GoodsMoveView[]; total: number }> {
  let q = db
    .selectFrom('goods_moves as m')
    .innerJoin('goods_items as i', 'i.id', 'm.item_id')
    .leftJoin('households as h', 'h.id', 'm.household_id')
    .leftJoin('people as p', 'p.id', 'h.head_person_id');
  if (filter.itemId) q = q.where('m.item_id', '=', filter.itemId);
  if (filter.householdId) q = q.where('m.household_id', '=', filter.householdId);
  const total = await totalOf(q);
  const rows = await q
    .select([
      'm.id',
      'm.item_id',
      'i.name as item_name',
      'i.unit',
      'm.kind',
      'm.quantity',
      'm.unit_value_fen',
      'm.on_date',
      'm.source',
      'm.household_id',
      'p.name as head',
      'm.case_id',
      'm.note',
      'm.voided',
      'm.version',
    ])
    .orderBy('m.on_date', 'desc')
    .orderBy('m.created_at', 'desc')
    .offset(offset)
    .limit(limit)
    .execute();
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      itemId: r.item_id,
      itemName: r.item_name,
      unit: r.unit,
      kind: r.kind,
      quantity: r.quantity,
      unitValueFen: r.unit_value_fen,
      valueFen: r.quantity * r.unit_value_fen,
      onDate: r.on_date,
      source: r.source,
      householdId: r.household_id,
      householdHead: r.head ?? null,
      caseId: r.case_id,
      note: r.note,
      voided: r.voided === 1,
      version: r.version,
    })),
  };
}

/** Value of goods granted under 临时救助 in a month (fen): counted at value, apart from cash, in the figures. */
export async function linshiGoodsValue(db: Kysely<DB>, month: string): Promise<{ grants: number; valueFen: number }> {
  const rows = await db
    .selectFrom('goods_moves as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .select(['m.case_id', 'm.quantity', 'm.unit_value_fen'])
    .where('m.voided', '=', 0)
    .where('m.kind', '=', 'out_grant')
    .where('c.category', '=', 'linshi')
    .where('m.on_date', '>=', `${month}-01`)
    .where('m.on_date', '<=', `${month}-31`)
    .execute();
  return {
    grants: new Set(rows.map((r) => r.case_id)).size,
    valueFen: rows.reduce((s, r) => s + r.quantity * r.unit_value_fen, 0),
  };
}

/** Records one 入库 or 出库 of an item at `unitValueFen`, journalled as `write` says. */
async function insertMove(
  ctx: ServiceContext,
  itemId: string,
  input: {
    kind: GoodsMovesTable['kind'];
    quantity: number;
    onDate: string;
    source?: string | null;
    householdId?: string | null;
    caseId?: string | null;
    note?: string | null;
  },
  unitValueFen: number,
  at: string | undefined,
  write: { action: string; after: Record<string, unknown> },
): Promise<void> {
  await insertVersioned(
    ctx,
    'goods_moves',
    {
      item_id: itemId,
      kind: input.kind,
      quantity: input.quantity,
      unit_value_fen: unitValueFen,
      on_date: input.onDate,
      source: input.source ?? null,
      household_id: input.householdId ?? null,
      case_id: input.caseId ?? null,
      note: input.note ?? null,
      ...NOT_VOIDED,
      created_by: actorOf(ctx).id,
    },
    { ...write, at },
  );
}

export const goodsHandlers: Pick<
  Handlers<typeof aidApi>,
  'goods.stock' | 'goods.moves' | 'goods.receive' | 'goods.issue' | 'goods.void'
> = {
  'goods.stock': async (ctx) => stock(ctx.db),
  'goods.moves': async (ctx, input) =>
    movesOf(ctx.db, input.itemId ? { itemId: input.itemId } : {}, input.offset, input.limit),

  'goods.receive': async (ctx, input) => {
    if (input.onDate > todayOf(ctx)) throw badInput('入库日期不能晚于今天', { onDate: '不能晚于今天' });
    const at = ctx.now().toISOString();
    let item = await ctx.db
      .selectFrom('goods_items')
      .selectAll()
      .where('name', '=', input.itemName)
      .where('unit', '=', input.unit)
      .executeTakeFirst();
    item ??= await insertVersioned(
      ctx,
      'goods_items',
      { name: input.itemName, unit: input.unit },
      { action: 'goods.item', after: { name: input.itemName, unit: input.unit }, at },
    );
    await insertMove(ctx, item.id, input, input.unitValueFen, at, {
      action: 'goods.receive',
      after: {
        item: item.name,
        kind: input.kind,
        quantity: input.quantity,
        unit_value_fen: input.unitValueFen,
        source: input.source,
      },
    });
    return stock(ctx.db);
  },

  'goods.issue': async (ctx, input) => {
    if (input.onDate > todayOf(ctx)) throw badInput('出库日期不能晚于今天', { onDate: '不能晚于今天' });
    const item = await ctx.db.selectFrom('goods_items').selectAll().where('id', '=', input.itemId).executeTakeFirst();
    if (!item) throw notFound('该物资');
    if (input.kind === 'out_grant') {
      if (!input.householdId) throw badInput('发放给困难群众的物资须选择家庭', { householdId: '请选择家庭' });
      if (input.caseId) {
        const c = await ctx.db
          .selectFrom('cases')
          .select(['household_id', 'category', 'status'])
          .where('id', '=', input.caseId)
          .executeTakeFirst();
        if (!c || c.household_id !== input.householdId)
          throw badInput('所选救助案件不属于该家庭', { caseId: '所选救助案件不属于该家庭' });
      }
    } else if (!input.source) throw badInput('其他出库请写明用途', { source: '请写明用途' });
    const current = (await stock(ctx.db)).find((s) => s.itemId === item.id)?.stock ?? 0;
    if (input.quantity > current)
      throw new LedgerError(
        'RULE',
        `“${item.name}”库存只有 ${current} ${item.unit}，不能出库 ${input.quantity} ${item.unit}`,
        {
          quantity: `库存只有 ${current} ${item.unit}`,
        },
      );
    const unitValue = await averageInValue(ctx.db, item.id);
    await insertMove(ctx, item.id, input, unitValue, undefined, {
      action: 'goods.issue',
      after: {
        item: item.name,
        kind: input.kind,
        quantity: input.quantity,
        unit_value_fen: unitValue,
        household_id: input.householdId ?? null,
        case_id: input.caseId ?? null,
      },
    });
    return stock(ctx.db);
  },

  'goods.void': async (ctx, input) => {
    await voidVersioned(ctx, 'goods_moves', input.id, input.version, input.reason, {
      action: 'goods.void',
      what: '该出入库记录',
      // Voiding a receipt must not leave the stock below zero (its goods may already have been issued).
      check: async (m) => {
        if (!isIn(m.kind)) return;
        const current = (await stock(ctx.db)).find((s) => s.itemId === m.item_id)?.stock ?? 0;
        if (current - m.quantity < 0)
          throw new LedgerError(
            'RULE',
            `作废这次入库后库存将为负数（现有 ${current}，入库 ${m.quantity}）：请先作废相应的出库`,
          );
      },
    });
    return stock(ctx.db);
  },
};
