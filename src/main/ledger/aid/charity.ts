// 慈善帮扶 and 服务类救助 per household. Charity aid never enters the government figures (the 22 rows); whether it
// counts as household income follows the rule: 接受捐赠收入 is transfer income (低保审核确认办法 Art. 13) unless a
// local rule exempts small one-off aid — `exemptBelowFen` (0 = everything counts). The decision is stored with the
// record, so a later change of the rule does not rewrite history.
import type { Kysely } from 'kysely';
import type { aidApi, CharityAidView, CharityIncomeRule, CharityYear, ServiceAidView } from '../../../shared/api/aid';
import { badInput } from '../../../shared/errors';
import { insertVersioned, NOT_VOIDED, voidVersioned, actorOf, camelFields, todayOf, type Handlers } from '../kernel';
import type { DB } from '../db';
import { getSettingRow, saveSetting } from '../settings';
import type { ServiceAidTable } from './tables';
import { movesOf } from './goods';

export const CHARITY_RULE_KEY = 'aid.charityIncome';

export async function charityRule(db: Kysely<DB>): Promise<CharityIncomeRule> {
  const row = await getSettingRow(db, CHARITY_RULE_KEY);
  const v = (row?.value ?? {}) as Partial<CharityIncomeRule>;
  return { exemptBelowFen: v.exemptBelowFen ?? 0, version: row?.version ?? null };
}

/** Whether one charity aid of this amount counts as the household's income under the rule. */
export function countsAsIncome(amountFen: number, rule: Pick<CharityIncomeRule, 'exemptBelowFen'>): boolean {
  return amountFen >= rule.exemptBelowFen;
}

async function requireHousehold(db: Kysely<DB>, id: string): Promise<void> {
  const h = await db.selectFrom('households').select('id').where('id', '=', id).executeTakeFirst();
  if (!h) throw badInput('所选家庭不存在', { householdId: '所选家庭不存在' });
}

async function charityOf(db: Kysely<DB>, where: { householdId?: string; id?: string; year?: number }) {
  let q = db
    .selectFrom('charity_aid as a')
    .innerJoin('households as h', 'h.id', 'a.household_id')
    .leftJoin('people as p', 'p.id', 'h.head_person_id')
    .leftJoin('villages as v', 'v.id', 'h.village_id')
    .selectAll('a')
    .select(['p.name as head', 'v.name as village_name']);
  if (where.householdId) q = q.where('a.household_id', '=', where.householdId);
  if (where.id) q = q.where('a.id', '=', where.id);
  if (where.year) q = q.where('a.on_date', '>=', `${where.year}-01-01`).where('a.on_date', '<=', `${where.year}-12-31`);
  return q.orderBy('a.on_date', 'desc').execute();
}

type CharityRow = Awaited<ReturnType<typeof charityOf>>[number];
const charityFields = camelFields<CharityRow>()([
  'id',
  'household_id',
  'source_kind',
  'source_name',
  'form',
  'amount_fen',
  'description',
  'on_date',
  'note',
  'version',
]);
const charityView = (r: CharityRow): CharityAidView => ({
  ...charityFields(r),
  householdHead: r.head ?? null,
  countsAsIncome: r.counts_as_income === 1,
  referralConsent: r.referral_consent === 1,
  voided: r.voided === 1,
});

const serviceFields = camelFields<ServiceAidTable>()([
  'id',
  'household_id',
  'case_id',
  'service',
  'provider',
  'hours',
  'value_fen',
  'on_date',
  'note',
  'version',
]);

async function servicesOf(db: Kysely<DB>, householdId: string): Promise<ServiceAidView[]> {
  const rows = await db
    .selectFrom('service_aid')
    .selectAll()
    .where('household_id', '=', householdId)
    .orderBy('on_date', 'desc')
    .execute();
  return rows.map((r) => ({ ...serviceFields(r), voided: r.voided === 1 }));
}

export const charityHandlers: Pick<
  Handlers<typeof aidApi>,
  | 'services.add'
  | 'charity.add'
  | 'charity.void'
  | 'aid.household'
  | 'charity.year'
  | 'charity.rule'
  | 'charity.saveRule'
> = {
  'services.add': async (ctx, input) => {
    await requireHousehold(ctx.db, input.householdId);
    if (input.onDate > todayOf(ctx)) throw badInput('服务日期不能晚于今天', { onDate: '不能晚于今天' });
    const row = await insertVersioned(
      ctx,
      'service_aid',
      {
        household_id: input.householdId,
        case_id: input.caseId ?? null,
        service: input.service,
        provider: input.provider,
        hours: input.hours,
        value_fen: input.valueFen,
        on_date: input.onDate,
        note: input.note ?? null,
        ...NOT_VOIDED,
        created_by: actorOf(ctx).id,
      },
      {
        action: 'services.add',
        after: {
          household_id: input.householdId,
          service: input.service,
          provider: input.provider,
          hours: input.hours,
        },
      },
    );
    const views = await servicesOf(ctx.db, input.householdId);
    return views.find((v) => v.id === row.id)!;
  },

  'charity.add': async (ctx, input) => {
    await requireHousehold(ctx.db, input.householdId);
    if (input.onDate > todayOf(ctx)) throw badInput('帮扶日期不能晚于今天', { onDate: '不能晚于今天' });
    const rule = await charityRule(ctx.db);
    const income = countsAsIncome(input.amountFen, rule);
    const { id } = await insertVersioned(
      ctx,
      'charity_aid',
      {
        household_id: input.householdId,
        source_kind: input.sourceKind,
        source_name: input.sourceName,
        form: input.form,
        amount_fen: input.amountFen,
        description: input.description ?? null,
        on_date: input.onDate,
        counts_as_income: income ? 1 : 0,
        referral_consent: input.referralConsent ? 1 : 0,
        note: input.note ?? null,
        ...NOT_VOIDED,
        created_by: actorOf(ctx).id,
      },
      {
        action: 'charity.add',
        after: {
          household_id: input.householdId,
          source: input.sourceName,
          form: input.form,
          amount_fen: input.amountFen,
          counts_as_income: income,
        },
      },
    );
    return charityView((await charityOf(ctx.db, { id }))[0]!);
  },

  'charity.void': async (ctx, input) => {
    await voidVersioned(ctx, 'charity_aid', input.id, input.version, input.reason, {
      action: 'charity.void',
      what: '该慈善帮扶记录',
    });
    return charityView((await charityOf(ctx.db, { id: input.id }))[0]!);
  },

  'aid.household': async (ctx, input) => ({
    goods: (await movesOf(ctx.db, { householdId: input.householdId })).rows,
    services: await servicesOf(ctx.db, input.householdId),
    charity: (await charityOf(ctx.db, { householdId: input.householdId })).map(charityView),
  }),

  'charity.year': async (ctx, input) => {
    const rows = (await charityOf(ctx.db, { year: input.year })).filter((r) => r.voided === 0);
    const by = new Map<string, CharityYearRow>();
    for (const r of rows) {
      const x = by.get(r.household_id) ?? {
        householdId: r.household_id,
        householdHead: r.head ?? '',
        villageName: r.village_name ?? '',
        count: 0,
        cashFen: 0,
        goodsFen: 0,
        incomeFen: 0,
      };
      x.count += 1;
      if (r.form === 'cash') x.cashFen += r.amount_fen;
      else x.goodsFen += r.amount_fen;
      if (r.counts_as_income === 1) x.incomeFen += r.amount_fen;
      by.set(r.household_id, x);
    }
    const out = [...by.values()].sort((a, b) => a.villageName.localeCompare(b.villageName, 'zh-CN'));
    return {
      year: input.year,
      rows: out,
      totalCashFen: out.reduce((s, r) => s + r.cashFen, 0),
      totalGoodsFen: out.reduce((s, r) => s + r.goodsFen, 0),
      totalIncomeFen: out.reduce((s, r) => s + r.incomeFen, 0),
    };
  },

  'charity.rule': async (ctx) => charityRule(ctx.db),

  'charity.saveRule': async (ctx, input) => {
    const before = await charityRule(ctx.db);
    await saveSetting(
      ctx,
      CHARITY_RULE_KEY,
      input.version,
      { exemptBelowFen: input.exemptBelowFen },
      {
        action: 'charity.rule',
        what: '慈善帮扶收入规则',
        before: { exemptBelowFen: before.exemptBelowFen },
      },
    );
    return charityRule(ctx.db);
  },
};

type CharityYearRow = CharityYear['rows'][number];
