// The grain's kept counts (grain.ts) are multisets: a person counted in several cases of one row is counted once,
// with the attributes they had when first counted. When the person changes, every case naming them is re-read
// (migration 0020): all of them must be taken out before any is put back, or the person is never counted afresh
// and keeps the old attributes. docs/DECISIONS.md ("Kept figures audited for staleness").
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sumGrain } from '../../../src/main/ledger/reports/grain';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { keptAndFresh, type MonthRead } from './kept-read';
import { buildScenario, type Scenario } from './scenario';

describe('the grain kept across a write to a person counted in two of its cases', () => {
  let t: TestCore;
  let s: Scenario;
  let h1: string;
  beforeEach(async () => {
    t = await makeTestCore();
    s = await buildScenario(t.core.ledger.db);
    h1 = (await sql<{ h: string }>`SELECT household_id AS h FROM cases WHERE id = ${s.cases.h1Dibao}`.execute(s.fx.db))
      .rows[0]!.h;
  });
  afterEach(async () => t.close());

  it('a change of their birth date is counted: 老年人 and 劳动能力 follow', async () => {
    const db = t.core.ledger.db;
    // p6 is covered from 2026-03 in h1's 低保 case; a second 低保 case of the same household covers p6 too (a person
    // paid twice, which the checks are there to find): both cases fall in the same row (village, area, 致贫原因).
    await s.fx.case({
      household: h1,
      category: 'dibao',
      area: 'rural',
      start: '2026-01',
      members: [{ person: s.p.p6 }],
    });
    const elderly = (g: MonthRead['grain']) => sumGrain(g, (r) => r.s === 'P' && r.k === 'dibao').a.elderly;
    const { before, kept, fresh } = await keptAndFresh(db, () =>
      sql`UPDATE people SET birth_date = '1940-01-01' WHERE id = ${s.p.p6}`.execute(db),
    );
    expect(elderly(fresh.grain)).toBe(elderly(before.grain) + 1);
    expect(kept).toEqual(fresh);
  });
});
