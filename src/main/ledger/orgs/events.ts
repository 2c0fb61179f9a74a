// The dated events of an organization (变更, 处罚, 撤销, 注销): the event row, the record's changed fields, the journal.
import { EVENT_KINDS_BY_REGISTRY, orgLabel, type orgsApi, type OrgView } from '../../../shared/api/orgs';
import { badInput, rule } from '../../../shared/errors';
import { actorOf, changedFields, updateVersioned, type Handlers } from '../kernel';
import { newId, nowIso } from '../ids';
import { assertActive, assertNameFree, blank, loadOrg, notBefore, notFuture, todayOf } from './service';
import type { OrgsTable } from './tables';
import { orgView } from './views';

type EventApi = Pick<typeof orgsApi, 'orgs.event'>;

/** Which event kinds change which column. */
const EVENT_COLUMN = {
  name_change: 'name',
  legal_rep_change: 'legal_rep',
  domicile_change: 'domicile',
  leader_change: 'leader',
  venue_change: 'venue',
} as const;

export const eventHandlers: Handlers<EventApi> = {
  'orgs.event': async (ctx, input) => {
    const org = await loadOrg(ctx, input.id, input.version);
    assertActive(org);
    const kinds = EVENT_KINDS_BY_REGISTRY[org.registry];
    if (!kinds.includes(input.kind)) {
      throw badInput(`${orgLabel('registry', org.registry)}没有“${orgLabel('eventKind', input.kind)}”事项`, {
        kind: '此类组织不适用该事项',
      });
    }
    const today = todayOf(ctx);
    notFuture(input.occurredOn, 'occurredOn', '发生日期', today);
    const since = org.registered_on ?? org.filed_on;
    notBefore(
      input.occurredOn,
      since,
      'occurredOn',
      `发生日期不能早于${org.registry === 'registered' ? '登记' : '备案'}日期 ${since ?? ''}`,
    );
    const at = nowIso(ctx.now());
    const newValue = blank(input.newValue);
    const detail = blank(input.detail);
    const set: Partial<OrgsTable> = {};
    let beforeValue: string | null = null;
    let afterValue: string | null = null;

    if (input.kind in EVENT_COLUMN) {
      const column = EVENT_COLUMN[input.kind as keyof typeof EVENT_COLUMN];
      if (!newValue)
        throw badInput(`请填写变更后的${orgLabel('eventKind', input.kind).replace('变更', '')}`, {
          newValue: '请填写变更后内容',
        });
      const current = org[column];
      if (current === newValue) throw badInput('变更后内容与原来相同', { newValue: '与原来相同' });
      if (column === 'name') await assertNameFree(ctx.db, newValue, org.id);
      beforeValue = current;
      afterValue = newValue;
      set[column] = newValue;
      // A community organization's 备案 shows it has changed since it was filed (正常/变更/注销).
      if (org.registry === 'community') set.status = 'changed';
    } else {
      if (!detail) {
        const what = input.kind === 'penalty' ? '处罚内容' : '事由';
        throw badInput(`请填写${what}`, { detail: `请填写${what}` });
      }
      if (input.kind === 'revocation' || input.kind === 'deregistration') {
        const openInspection = await ctx.db
          .selectFrom('org_inspections')
          .select('id')
          .where('org_id', '=', org.id)
          .where('voided_at', 'is', null)
          .where('year', '>=', Number(input.occurredOn.slice(0, 4)))
          .executeTakeFirst();
        if (openInspection) throw rule('该组织在注销/撤销日期所在年度之后仍有年检记录，请先核对日期');
        beforeValue = org.status;
        afterValue = input.kind === 'revocation' ? 'revoked' : 'deregistered';
        set.status = afterValue as OrgsTable['status'];
        set.ended_on = input.occurredOn;
        set.end_reason = detail;
      }
    }
    const eventId = newId();
    await ctx.db
      .insertInto('org_events')
      .values({
        id: eventId,
        org_id: org.id,
        kind: input.kind,
        occurred_on: input.occurredOn,
        before_value: beforeValue,
        after_value: afterValue,
        detail,
        doc_no: blank(input.docNo),
        created_at: at,
        created_by: actorOf(ctx).name,
      })
      .execute();
    // The event is journalled below, with the record's changed fields under org.update.
    await updateVersioned(ctx, 'orgs', org.id, input.version, set, {
      action: 'org.event',
      what: `社会组织“${org.name}”`,
      current: org,
      at,
      entry: false,
    });
    await ctx.journal({
      action: 'org.event',
      entity: 'org_events',
      entityId: eventId,
      after: { kind: input.kind, occurred_on: input.occurredOn, ...(afterValue !== null ? { value: afterValue } : {}) },
      reason: detail,
    });
    if (Object.keys(set).length > 0) {
      await ctx.journal({
        action: 'org.update',
        entity: 'orgs',
        entityId: org.id,
        ...changedFields(org, set),
        reason: orgLabel('eventKind', input.kind),
      });
    }
    const updated = await loadOrg(ctx, org.id);
    return orgView(updated) satisfies OrgView;
  },
};
