// The hand-worked ledger the figure tests use: cases starting, changing and stopping across 2025-12..2026-04 in two
// villages, urban and rural. Expected figures are written out in figures.test.ts.
import { Fixture } from './fixtures';
import type { Kysely } from 'kysely';
import type { DB } from '../../../src/main/ledger/db';

export interface Scenario {
  fx: Fixture;
  east: string;
  west: string;
  p: Record<'p1' | 'p2' | 'p3' | 'p4' | 'p5' | 'p6', string>;
  cases: Record<
    'h1Dibao' | 'h2Dibao' | 'h3Tekun' | 'h4Tekun' | 'h2Canji' | 'h1Linshi' | 'h2Linshi' | 'neverPaid' | 'rejected',
    string
  >;
}

export async function buildScenario(db: Kysely<DB>): Promise<Scenario> {
  const fx = new Fixture(db);
  const east = await fx.village('东村');
  const west = await fx.village('西社区');
  const p1 = await fx.person({
    name: '张大妈',
    sex: 'F',
    birthDate: '1950-05-01',
    labour: 'none',
    idNumber: '11010519491231002X',
  });
  const p2 = await fx.person({ name: '张小明', sex: 'M', birthDate: '2012-03-01' });
  const p3 = await fx.person({
    name: '=李四',
    sex: 'M',
    birthDate: '1980-07-07',
    disabilityGrade: 2,
    labour: 'partial',
  });
  const p4 = await fx.person({ name: '王奶奶', sex: 'F', birthDate: '1940-01-01' });
  const p5 = await fx.person({ name: '赵爷爷', sex: 'M', birthDate: '1945-02-02' });
  const p6 = await fx.person({ name: '张小花', sex: 'F', birthDate: '1990-06-01' });
  // P7: 18 on 2026-03-31 exactly -> not a minor in March 2026 (born 2008-03-31).
  const h1 = await fx.household({ village: east, area: 'rural', head: p1, others: [p2, p6], cause: 'illness' });
  const h2 = await fx.household({ village: west, area: 'urban', head: p3, cause: 'disability' });
  const h3 = await fx.household({ village: east, area: 'rural', head: p4 });
  const h4 = await fx.household({ village: west, area: 'rural', head: p5, cause: 'no_labour' });

  const h1Dibao = await fx.case({
    household: h1,
    category: 'dibao',
    area: 'rural',
    start: '2026-01',
    members: [{ person: p1 }, { person: p2 }, { person: p6, start: '2026-03' }],
    amounts: [
      { month: '2026-01', amount: 80000, supplement: 10000 },
      { month: '2026-03', amount: 90000, supplement: 10000, kind: 'increase', reason: '增加家庭成员' },
    ],
  });
  const h2Dibao = await fx.case({
    household: h2,
    category: 'dibao',
    area: 'urban',
    start: '2026-02',
    stop: '2026-04',
    stopReason: '家庭收入超过低保标准',
    members: [{ person: p3 }],
    amounts: [{ month: '2026-02', amount: 60000 }],
  });
  const h3Tekun = await fx.case({
    household: h3,
    category: 'tekun',
    area: 'rural',
    person: p4,
    supportMode: 'dispersed',
    careGrade: 'full',
    start: '2025-12',
    amounts: [{ month: '2025-12', amount: 100000, supplement: 30000 }],
  });
  const h4Tekun = await fx.case({
    household: h4,
    category: 'tekun',
    area: 'rural',
    person: p5,
    supportMode: 'centralized',
    careGrade: 'partial',
    start: '2026-03',
    members: [{ person: p5 }],
    amounts: [{ month: '2026-03', amount: 120000, supplement: 20000 }],
  });
  const h2Canji = await fx.case({
    household: h2,
    category: 'canji_living',
    area: 'urban',
    person: p3,
    start: '2026-02',
    amounts: [{ month: '2026-02', amount: 10000 }],
  });
  const h1Linshi = await fx.case({
    household: h1,
    category: 'linshi',
    area: 'rural',
    linshiType: 'emergency',
    grantMonth: '2026-02',
    grantFen: 200000,
    members: [{ person: p1 }, { person: p2 }],
  });
  const h2Linshi = await fx.case({
    household: h2,
    category: 'linshi',
    area: 'urban',
    person: p3,
    linshiType: 'expenditure',
    grantMonth: '2026-03',
    grantFen: 150000,
  });
  // Boundaries: approved but stopped in its own start month (never paid); rejected (never counted).
  const neverPaid = await fx.case({
    household: h4,
    category: 'bianyuan',
    area: 'urban',
    start: '2026-02',
    stop: '2026-02',
    members: [{ person: p5 }],
    amounts: [{ month: '2026-02', amount: 5000 }],
  });
  const rejected = await fx.case({
    household: h4,
    category: 'dibao',
    area: 'rural',
    start: null,
    status: 'rejected',
    members: [{ person: p5, start: '2026-01' }],
  });
  return {
    fx,
    east,
    west,
    p: { p1, p2, p3, p4, p5, p6 },
    cases: { h1Dibao, h2Dibao, h3Tekun, h4Tekun, h2Canji, h1Linshi, h2Linshi, neverPaid, rejected },
  };
}
