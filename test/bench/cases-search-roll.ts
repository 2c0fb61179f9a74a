// Benchmark (prints figures, asserts nothing): household search over 50,000 people and generating a payment roll
// of 20,000 lines, through the real dispatcher. Run: npx tsx test/bench/cases-search-roll.ts
import { performance } from 'node:perf_hooks';
import { idCheckChar } from '../../src/shared/idcard';
import { nameInitials, reverse } from '../../src/main/ledger/people/persons';
import { newId } from '../../src/main/ledger/ids';
import { makeClock, putStandards } from '../unit/cases/fixtures';
import { makeTestCore } from '../helpers/ledger';

const SURNAMES = '张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英';

async function main(): Promise<void> {
  const clock = makeClock('2025-06-02');
  const t = await makeTestCore({ now: clock.now });
  const villages = await t.admin.call('villages.list', {});
  await putStandards({ t, clock, villageId: villages[0]!.id, village2Id: villages[1]!.id });
  const raw = t.core.ledger.raw;
  const userId = (raw.prepare("SELECT id FROM users WHERE username = 'clerk'").get() as { id: string }).id;
  const at = new Date().toISOString();
  const insPerson = raw.prepare(
    `INSERT INTO people (id, id_number, id_legacy, id_reversed, name, name_initials, sex, birth_date, bank_account, created_at, updated_at, version)
     VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  const insHh = raw.prepare(
    `INSERT INTO households (id, village_id, head_person_id, hukou_type, annual_income_fen, status, created_at, updated_at, version)
     VALUES (?, ?, ?, 'rural', ?, 'active', ?, ?, 1)`,
  );
  const insMember = raw.prepare(
    `INSERT INTO household_members (id, household_id, person_id, relation, joined_on, created_at, updated_at, version) VALUES (?, ?, ?, ?, '2020-01-01', ?, ?, 1)`,
  );
  const insCase = raw.prepare(
    `INSERT INTO cases (id, household_id, person_id, category, area, status, applied_on, decided_on, start_month, monthly_amount_fen, created_by, created_at, updated_at, version)
     VALUES (?, ?, ?, 'dibao', 'rural', 'active', '2024-12-01', '2024-12-20', '2025-01', ?, ?, ?, ?, 1)`,
  );
  const insCm = raw.prepare(
    `INSERT INTO case_members (id, case_id, person_id, start_month, created_at) VALUES (?, ?, ?, '2025-01', ?)`,
  );
  const insAmt = raw.prepare(
    `INSERT INTO case_amounts (id, case_id, effective_month, amount_fen, base_fen, supplement_fen, kind, created_by, created_at) VALUES (?, ?, '2025-01', ?, ?, 0, 'initial', ?, ?)`,
  );
  const t0 = performance.now();
  let n = 0;
  raw.transaction(() => {
    for (let h = 0; h < 20_000; h++) {
      const hh = newId();
      const size = h % 2 === 0 ? 3 : 2; // 50,000 people in 20,000 households
      const ids: string[] = [];
      for (let m = 0; m < size; m++) {
        n++;
        const name = SURNAMES[n % SURNAMES.length]! + GIVEN[(n * 7) % GIVEN.length]! + GIVEN[(n * 13) % GIVEN.length]!;
        const birth = `19${50 + (n % 50)}0${1 + (n % 9)}1${n % 10}`;
        const first17 = `321202${birth}${String(n % 1000).padStart(3, '0')}`;
        const idn = first17 + idCheckChar(first17);
        const pid = newId();
        try {
          insPerson.run(
            pid,
            idn,
            reverse(idn),
            name,
            nameInitials(name),
            n % 2 ? 'M' : 'F',
            null,
            '6228480000000000001',
            at,
            at,
          );
        } catch {
          insPerson.run(pid, null, null, name, nameInitials(name), null, null, '6228480000000000001', at, at);
        }
        ids.push(pid);
      }
      insHh.run(hh, villages[h % villages.length]!.id, ids[0], 600_000, at, at);
      ids.forEach((pid, i) => insMember.run(newId(), hh, pid, i === 0 ? '户主' : '其他', at, at));
      const cid = newId();
      insCase.run(cid, hh, ids[0], 30_000 * size, userId, at, at);
      for (const pid of ids) insCm.run(newId(), cid, pid, at);
      insAmt.run(newId(), cid, 30_000 * size, 30_000 * size, userId, at);
    }
  })();
  console.log(`seeded ${n} people, 20,000 households and 低保 cases in ${(performance.now() - t0).toFixed(0)} ms`);

  const time = async (label: string, f: () => Promise<unknown>) => {
    await f();
    const s = performance.now();
    const runs = 10;
    for (let i = 0; i < runs; i++) await f();
    console.log(`${label}: ${((performance.now() - s) / runs).toFixed(1)} ms`);
  };
  await time('households.list first page (no filter)', () => t.clerk.call('households.list', {}));
  await time('households.list page 300 (offset 15,000)', () => t.clerk.call('households.list', { offset: 15_000 }));
  await time('households.list q="zw" (pinyin initials)', () => t.clerk.call('households.list', { q: 'zw' }));
  await time('households.list q="张伟" (name)', () => t.clerk.call('households.list', { q: '张伟' }));
  await time('households.list q="0123" (ID last digits)', () => t.clerk.call('households.list', { q: '0123' }));
  await time('households.list village + in_payment', () =>
    t.clerk.call('households.list', { villageId: villages[0]!.id, caseStatus: 'in_payment' }),
  );
  await time('people.search q="lf"', () => t.clerk.call('people.search', { q: 'lf' }));
  const s = performance.now();
  const roll = await t.clerk.call('rolls.generate', { month: '2025-06' });
  console.log(
    `rolls.generate 2025-06: ${roll.lineCount} lines, total ${roll.totalFen} fen, ${(performance.now() - s).toFixed(0)} ms (incl. diff vs computed May)`,
  );
  await time('rolls.generate (regenerate draft)', () => t.clerk.call('rolls.generate', { month: '2025-06' }));
  if (process.env.KEEP) console.log(`kept ${t.dbPath}`);
  else await t.close();
}

void main();
