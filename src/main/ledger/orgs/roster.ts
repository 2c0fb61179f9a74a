// Handlers that read organizations: the list (名册) and one organization's page.
import { sql } from 'kysely';
import type { orgsApi, OrgListRow } from '../../../shared/api/orgs';
import { normalizeText } from '../../../shared/text';
import { totalOf, type Handlers } from '../kernel';
import { orgHistory } from './history';
import { ratingInForce } from './rules';
import { eligibilityOf, loadOrg, todayOf } from './service';
import { eventView, inspectionView, orgHeading, orgView, ratingHistoryItem, ratingView, termView } from './views';

type RosterApi = Pick<typeof orgsApi, 'orgs.list' | 'orgs.get'>;

/** LIKE pattern for a substring, with % _ \ escaped. */
const contains = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const rosterHandlers: Handlers<RosterApi> = {
  'orgs.list': async (ctx, input) => {
    let q = ctx.db.selectFrom('orgs');
    if (input.registry) q = q.where('registry', '=', input.registry);
    if (input.kind) q = q.where('kind', '=', input.kind);
    if (input.communityType) q = q.where('community_type', '=', input.communityType);
    if (input.status) q = q.where('status', '=', input.status);
    else if (input.activeOnly !== false) q = q.where('status', 'not in', ['revoked', 'deregistered']);
    const text = normalizeText(input.q ?? '');
    if (text) {
      const p = contains(text);
      const code = contains(text.toUpperCase());
      q = q.where(
        sql<boolean>`(name LIKE ${p} ESCAPE '\\' OR credit_code LIKE ${code} ESCAPE '\\' OR registration_no LIKE ${p} ESCAPE '\\'
          OR filing_no LIKE ${p} ESCAPE '\\' OR legal_rep LIKE ${p} ESCAPE '\\' OR leader LIKE ${p} ESCAPE '\\')`,
      );
    }
    const total = await totalOf(q);
    const rows = await q
      .selectAll()
      .orderBy('registry', 'desc') // registered before community
      .orderBy('name')
      .offset(input.offset)
      .limit(input.limit)
      .execute();
    const ids = rows.map((r) => r.id);
    const today = todayOf(ctx);
    const [ratings, inspections] = ids.length
      ? await Promise.all([
          ctx.db.selectFrom('org_ratings').selectAll().where('org_id', 'in', ids).execute(),
          ctx.db
            .selectFrom('org_inspections')
            .select(['org_id', 'year', 'result'])
            .where('org_id', 'in', ids)
            .where('voided_at', 'is', null)
            .orderBy('year', 'desc')
            .execute(),
        ])
      : [[], []];
    const out: OrgListRow[] = rows.map((r) => {
      const ended = r.status === 'revoked' || r.status === 'deregistered';
      const rating = ended
        ? undefined
        : ratings.find((x) => x.org_id === r.id && ratingInForce(ratingHistoryItem(x), today));
      const last = inspections.find((i) => i.org_id === r.id);
      return {
        ...orgHeading(r),
        person: r.registry === 'registered' ? r.legal_rep : r.leader,
        since: r.registry === 'registered' ? r.registered_on : r.filed_on,
        grade: rating?.grade ?? null,
        lastInspection: last ? { year: last.year, result: last.result } : null,
      };
    });
    return { rows: out, total };
  },

  'orgs.get': async (ctx, input) => {
    const org = await loadOrg(ctx, input.id);
    const [inspections, ratings, terms, events] = await Promise.all([
      ctx.db.selectFrom('org_inspections').selectAll().where('org_id', '=', org.id).orderBy('year', 'desc').execute(),
      ctx.db.selectFrom('org_ratings').selectAll().where('org_id', '=', org.id).orderBy('rated_on', 'desc').execute(),
      ctx.db.selectFrom('org_terms').selectAll().where('org_id', '=', org.id).orderBy('term_no', 'desc').execute(),
      ctx.db
        .selectFrom('org_events')
        .selectAll()
        .where('org_id', '=', org.id)
        .orderBy('occurred_on', 'desc')
        .orderBy('created_at', 'desc')
        .execute(),
    ]);
    const childIds = [...inspections, ...ratings, ...terms, ...events].map((r) => r.id);
    const today = todayOf(ctx);
    const eligibility =
      org.registry === 'registered' ? { onDate: today, ...(await eligibilityOf(ctx.db, org, today)) } : null;
    return {
      org: orgView(org),
      inspections: inspections.map(inspectionView),
      ratings: ratings.map(ratingView),
      terms: terms.map(termView),
      events: events.map(eventView),
      history: await orgHistory(ctx.db, org.id, childIds),
      eligibility,
    };
  },
};
