// 主动发现: runs the rule set (rules.ts; docs/DISCOVERY.md) and keeps one lead per rule and subject — a subject
// already accepted or dismissed under a rule is not raised again by it. Run daily by the scheduler (as the system
// actor) and on demand from the screen.
import type { Kysely } from 'kysely';
import type { DiscoveryRuleValue, LeadView } from '../../../shared/api/discovery';
import { appendJournal, type JournalEntryInput } from '../journal';
import { LedgerError, rule } from '../../../shared/errors';
import { today } from '../../../shared/time';
import { actorOf, loadForEdit, updateVersioned, type ServiceContext } from '../kernel';
import { newId, nowIso } from '../ids';
import { createCase } from '../cases';
import type { DB } from '../db';
import { getSetting, putSetting } from '../settings';
import { elderlyHandlers } from '../stations';
import { addMonitoring } from '../monitoring';
import { DISCOVERY_RULES, findLeads } from './rules';

export interface DiscoveryEnv {
  db: Kysely<DB>;
  journal(...entries: JournalEntryInput[]): Promise<void>;
}

const LAST_RUN_KEY = 'discovery.lastRun';

export async function runDiscovery(
  env: DiscoveryEnv,
  day: string,
  at: string,
): Promise<{ found: number; added: number }> {
  const found = await findLeads(env.db, day);
  const seen = new Set(
    (await env.db.selectFrom('discovery_leads').select(['rule', 'subject_key']).execute()).map(
      (r) => `${r.rule}|${r.subject_key}`,
    ),
  );
  const fresh = found.filter((f) => !seen.has(`${f.rule}|${f.subjectKey}`));
  for (const f of fresh) {
    const id = newId();
    await env.db
      .insertInto('discovery_leads')
      .values({
        id,
        rule: f.rule,
        subject_key: f.subjectKey,
        person_id: f.personId,
        household_id: f.householdId,
        facts: JSON.stringify(f.facts),
        found_on: day,
        status: 'open',
        outcome_ref: null,
        reason: null,
        decided_by: null,
        decided_on: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
  }
  await putSetting(env.db, LAST_RUN_KEY, day, at);
  await env.journal({
    action: 'discovery.run',
    entity: 'discovery_leads',
    entityId: day,
    after: { found: found.length, added: fresh.length, rules: [...new Set(fresh.map((f) => f.rule))] },
  });
  return { found: found.length, added: fresh.length };
}

const SYSTEM = { id: null, name: '系统（主动发现）' };

/** The scheduler's daily run: once per China calendar day, in its own transaction, as the system actor. */
export async function runDiscoveryIfDue(db: Kysely<DB>, now: Date): Promise<{ found: number; added: number } | null> {
  const day = today(now);
  if ((await getSetting<string | null>(db, LAST_RUN_KEY, null)) === day) return null;
  return db
    .transaction()
    .execute((trx) =>
      runDiscovery({ db: trx, journal: (...e) => appendJournal(trx, SYSTEM, e, nowIso(now)) }, day, nowIso(now)),
    );
}

export async function listLeads(
  ctx: ServiceContext,
  input: {
    status?: 'open' | 'accepted' | 'dismissed' | undefined;
    rule?: DiscoveryRuleValue | undefined;
    ids?: string[];
  },
): Promise<LeadView[]> {
  let q = ctx.db
    .selectFrom('discovery_leads as l')
    .leftJoin('people as p', 'p.id', 'l.person_id')
    .leftJoin('households as h', 'h.id', 'l.household_id')
    .leftJoin('people as hp', 'hp.id', 'h.head_person_id')
    .leftJoin('villages as v', 'v.id', 'h.village_id')
    .leftJoin('users as u', 'u.id', 'l.decided_by')
    .selectAll('l')
    .select(['p.name as person_name', 'hp.name as head_name', 'v.name as village_name', 'u.display_name as by_name']);
  if (input.status) q = q.where('l.status', '=', input.status);
  if (input.rule) q = q.where('l.rule', '=', input.rule);
  if (input.ids) q = q.where('l.id', 'in', input.ids);
  const rows = await q.orderBy('l.status', 'desc').orderBy('l.found_on', 'desc').orderBy('l.rule').limit(500).execute();
  return rows.map((l) => ({
    id: l.id,
    rule: l.rule,
    ruleText: DISCOVERY_RULES[l.rule as DiscoveryRuleValue],
    personId: l.person_id,
    personName: l.person_name,
    householdId: l.household_id,
    headName: l.head_name,
    villageName: l.village_name,
    facts: JSON.parse(l.facts) as Record<string, unknown>,
    foundOn: l.found_on,
    status: l.status,
    outcomeRef: l.outcome_ref ? (JSON.parse(l.outcome_ref) as LeadView['outcomeRef']) : null,
    reason: l.reason,
    decidedByName: l.by_name,
    decidedOn: l.decided_on,
    version: l.version,
  }));
}

export async function decideLead(
  ctx: ServiceContext,
  input: {
    id: string;
    version: number;
    decision: 'accept' | 'dismiss';
    reason?: string | null | undefined;
    category?: 'guer' | 'wurenfuyang' | undefined;
    riskLevel?: 'high' | 'key' | 'general' | undefined;
  },
): Promise<void> {
  const l = await loadForEdit(ctx, 'discovery_leads', input.id, input.version, '该线索');
  if (l.status !== 'open') throw rule('该线索已处理');
  const day = today(ctx.now());
  let ref: LeadView['outcomeRef'] = null;
  if (input.decision === 'dismiss') {
    if (!input.reason || input.reason.trim().length < 2)
      throw new LedgerError('BAD_INPUT', '排除线索须填写原因（如：已在其他乡镇享受、本人放弃申请）', {
        reason: '请填写原因',
      });
  } else {
    const why = `主动发现：${DISCOVERY_RULES[l.rule as DiscoveryRuleValue]}`;
    const application = async (category: 'canji_care' | 'canji_living' | 'guer' | 'wurenfuyang') => {
      if (!l.household_id || !l.person_id) throw rule('线索缺少人员或户，无法发起申请');
      const id = await createCase(ctx, {
        householdId: l.household_id,
        category,
        personId: l.person_id,
        appliedOn: day,
        applyReason: why,
        ...(category === 'guer' ? { supportMode: 'dispersed' as const } : {}),
      });
      return { kind: 'case' as const, id };
    };
    switch (l.rule) {
      case 'care_subsidy_missing':
        ref = await application('canji_care');
        break;
      case 'living_subsidy_missing':
        ref = await application('canji_living');
        break;
      case 'orphan_unprotected':
        ref = await application(input.category ?? 'guer');
        break;
      case 'elderly_alone_unregistered': {
        const p = await ctx.db
          .selectFrom('people')
          .selectAll()
          .where('id', '=', l.person_id ?? '')
          .executeTakeFirst();
        const h = await ctx.db
          .selectFrom('households')
          .selectAll()
          .where('id', '=', l.household_id ?? '')
          .executeTakeFirst();
        if (!p?.id_number || !h) throw rule('该老年人没有身份证号码或户信息，请先补录后再登记');
        const e = await elderlyHandlers['elderly.register'](ctx, {
          idNumber: p.id_number,
          name: p.name,
          villageId: h.village_id,
          address: h.address,
          phone: p.phone,
          categories: ['alone'],
          riskLevel: input.riskLevel ?? 'key',
          contactName: null,
          contactPhone: null,
          remark: why,
          registeredOn: day,
        });
        ref = { kind: 'elderly', id: e.id };
        break;
      }
      case 'stopped_not_monitored': {
        const tapered = await ctx.db
          .selectFrom('cases')
          .select('id')
          .where('household_id', '=', l.household_id ?? '')
          .where('taper_until_month', 'is not', null)
          .executeTakeFirst();
        const id = await addMonitoring(ctx, {
          householdId: l.household_id ?? '',
          group: tapered ? 'tapered' : 'stopped',
          startedOn: day,
          sourceRef: why,
        });
        ref = { kind: 'monitoring', id };
        break;
      }
      case 'tekun_no_assessment':
        ref = { kind: 'assessment', id: null };
        break;
    }
  }
  const status = input.decision === 'accept' ? 'accepted' : 'dismissed';
  await updateVersioned(
    ctx,
    'discovery_leads',
    l.id,
    input.version,
    {
      status,
      outcome_ref: ref ? JSON.stringify(ref) : null,
      reason: input.reason ?? null,
      decided_by: actorOf(ctx).id,
      decided_on: day,
    },
    {
      action: `discovery.${input.decision}`,
      what: '该线索',
      current: l,
      reason: input.reason ?? null,
      entry: { before: { status: 'open' }, after: { status, rule: l.rule, outcome: ref } },
    },
  );
}
