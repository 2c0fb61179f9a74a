// Handlers of an organization's terms (换届).
import type { orgsApi } from '../../../shared/api/orgs';
import { badInput, rule } from '../../../shared/errors';
import { insertVersioned, loadForEdit, updateVersioned, type Handlers, type ServiceContext } from '../kernel';
import { nowIso } from '../ids';
import { termDueOn } from './rules';
import { assertActive, loadOrg, notFuture, notBefore, todayOf } from './service';
import type { OrgTermsTable } from './tables';
import { termView } from './views';

type TermsApi = Pick<typeof orgsApi, 'orgs.terms.start' | 'orgs.terms.complete' | 'orgs.terms.postpone'>;

const termWhat = (t: OrgTermsTable) => `第 ${t.term_no} 届任期记录`;

async function loadTerm(ctx: ServiceContext, id: string, version: number): Promise<OrgTermsTable> {
  const t = await loadForEdit(ctx, 'org_terms', id, version, '该届任期记录', termWhat);
  if (t.status === 'done') throw rule(`第 ${t.term_no} 届已于 ${t.done_on ?? ''} 完成换届`);
  return t;
}

/** Starts term `termNo` (本届) on `startedOn`, due after `years` (章程规定每届年限). */
async function startTerm(
  ctx: ServiceContext,
  orgId: string,
  termNo: number,
  startedOn: string,
  years: number,
  note: string | null,
  at?: string,
): Promise<OrgTermsTable> {
  const dueOn = termDueOn(startedOn, years);
  return insertVersioned(
    ctx,
    'org_terms',
    {
      org_id: orgId,
      term_no: termNo,
      started_on: startedOn,
      term_years: years,
      due_on: dueOn,
      status: 'current',
      postponed_to: null,
      postpone_reason: null,
      done_on: null,
      note,
    },
    { action: 'org.term.start', after: { term_no: termNo, started_on: startedOn, due_on: dueOn }, at },
  );
}

export const termHandlers: Handlers<TermsApi> = {
  'orgs.terms.start': async (ctx, input) => {
    const org = await loadOrg(ctx, input.orgId);
    assertActive(org);
    const termYears = input.termYears ?? org.term_years;
    if (!termYears) throw badInput('请填写每届年限（章程规定）', { termYears: '请填写每届年限' });
    const today = todayOf(ctx);
    notFuture(input.startedOn, 'startedOn', '本届开始日期', today);
    const terms = await ctx.db.selectFrom('org_terms').selectAll().where('org_id', '=', org.id).execute();
    const open = terms.find((t) => t.status !== 'done');
    if (open) throw rule(`“${org.name}”已有在任的第 ${open.term_no} 届，请办理换届而不是另起一届`);
    const maxNo = Math.max(0, ...terms.map((t) => t.term_no));
    if (input.termNo <= maxNo) throw badInput(`届次应大于已有的第 ${maxNo} 届`, { termNo: `应大于 ${maxNo}` });
    const row = await startTerm(ctx, org.id, input.termNo, input.startedOn, termYears, input.note || null);
    return termView(row);
  },

  'orgs.terms.complete': async (ctx, input) => {
    const t = await loadTerm(ctx, input.id, input.version);
    const org = await loadOrg(ctx, t.org_id);
    assertActive(org);
    const today = todayOf(ctx);
    notFuture(input.doneOn, 'doneOn', '换届日期', today);
    notBefore(input.doneOn, t.started_on, 'doneOn', `换届日期不能早于本届开始日期 ${t.started_on}`);
    const at = nowIso(ctx.now());
    await updateVersioned(
      ctx,
      'org_terms',
      t.id,
      input.version,
      { status: 'done', done_on: input.doneOn, note: input.note || t.note },
      {
        action: 'org.term.complete',
        what: termWhat(t),
        current: t,
        at,
        entry: { before: { status: t.status }, after: { term_no: t.term_no, done_on: input.doneOn } },
      },
    );
    const years = org.term_years ?? t.term_years;
    const next = await startTerm(ctx, t.org_id, t.term_no + 1, input.doneOn, years, null, at);
    return termView(next);
  },

  'orgs.terms.postpone': async (ctx, input) => {
    const t = await loadTerm(ctx, input.id, input.version);
    const org = await loadOrg(ctx, t.org_id);
    assertActive(org);
    const due = t.postponed_to ?? t.due_on;
    if (input.postponedTo <= due) {
      throw badInput(`延期后的日期应晚于原定换届日期 ${due}`, { postponedTo: `应晚于 ${due}` });
    }
    const at = nowIso(ctx.now());
    const next = await updateVersioned(
      ctx,
      'org_terms',
      t.id,
      input.version,
      { status: 'postponed', postponed_to: input.postponedTo, postpone_reason: input.reason },
      {
        action: 'org.term.postpone',
        what: termWhat(t),
        reason: input.reason,
        current: t,
        at,
        entry: {
          before: { status: t.status, postponed_to: t.postponed_to },
          after: { term_no: t.term_no, postponed_to: input.postponedTo },
        },
      },
    );
    return termView(next);
  },
};
