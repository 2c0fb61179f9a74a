// Imports under the same controls as screens (issue 13): a clerk's import that creates or changes paying cases is a
// batch; its cases are 待确认 and count neither on the payment roll nor in the month's figures until a reviewer
// other than the importer confirms it (in the app or with `civil-ledger import-confirm`); a rejected batch leaves
// nothing counting and nothing deleted; an administrator's first load of an empty ledger counts at once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/main/cli/index';
import type { CliIO } from '../../../src/main/cli/command';
import { fakeId } from '../../fixtures/make-fixtures';
import { startCore } from '../../../src/main/core';
import { caseSheet } from '../../helpers/case-sheet';
import { makeCaller, makeTestCore, PASSWORD, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
});
afterEach(async () => {
  delete process.env.CIVIL_LEDGER_PASSWORD;
  await t.close();
});

/** Three 低保 households (2 + 1 + 1 persons, 900 + 450 + 500 元) and one 临时救助 grant of 2,000 元. */
async function ledgerFile(offset = 0): Promise<string> {
  const id = (n: number, day: string) => fakeId(`1960-04-${day}`, offset + n);
  return caseSheet([
    [1, '花园村', '甲一', '甲一', '户主', id(1, '01'), '农村低保', 900, '2023-06'],
    [null, '花园村', '甲一', '甲二', '配偶', id(2, '02'), null, null, null],
    [2, '花园村', '乙一', '乙一', '户主', id(3, '03'), '农村低保', 450, '2023-06'],
    [3, '丁冯村', '丙一', '丙一', '户主', id(4, '04'), '农村低保', 500, '2024-01'],
    [4, '丁冯村', '丁一', '丁一', '户主', id(5, '05'), '临时救助', 2000, '2024-02'],
  ]);
}

const file = async (name = '台账.xlsx', offset = 0) => ({
  kind: 'cases' as const,
  fileName: name,
  data: await ledgerFile(offset),
});

/** What the month's roll and figures count. */
async function counted(month = '2024-03'): Promise<{ lines: number; totalFen: number; households: number }> {
  const roll = await t.clerk.call('rolls.generate', { month });
  const figures = await t.clerk.call('reports.figures', { month });
  const households = figures.rows
    .filter((r) => r.category === 'dibao' && r.area === 'rural')
    .reduce((n, r) => n + r.households, 0);
  return { lines: roll.lineCount, totalFen: roll.totalFen, households };
}

const caseStatuses = () =>
  t.core.ledger.raw
    .prepare('SELECT category, status, pending_batch_id IS NOT NULL AS pending FROM cases ORDER BY category, id')
    .all();

describe('a clerk’s import is a batch a reviewer confirms', () => {
  it('is 待确认 and not on the roll or in the figures; the importer cannot confirm; a reviewer confirms it', async () => {
    const r = await t.clerk.call('exchange.import', await file());
    expect(r.cases).toBe(4);
    expect(r.batch).toMatchObject({ no: 1, status: 'pending' });
    const batchId = r.batch?.id ?? '';

    // Visible as waiting on the household and case pages.
    const caseId = (
      t.core.ledger.raw.prepare('SELECT id FROM cases WHERE monthly_amount_fen = 90000').get() as {
        id: string;
      }
    ).id;
    const detail = await t.clerk.call('cases.get', { id: caseId });
    expect(detail.pendingBatchId).toBe(batchId);
    expect(detail.actions).toEqual([]);
    const household = await t.clerk.call('households.get', { id: detail.householdId });
    expect(household.cases.map((c) => c.pendingBatchId)).toEqual([batchId]);

    // Not counted: the month's roll and figures leave the batch out.
    expect(await counted()).toEqual({ lines: 0, totalFen: 0, households: 0 });

    // The list a reviewer sees.
    const list = await t.reviewer.call('exchange.batches', {});
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({
      no: 1,
      fileName: '台账.xlsx',
      status: 'pending',
      importedByName: '张经办',
      mine: false,
      summary: {
        households: 4,
        persons: 5,
        cases: 4,
        monthlyFen: 185000,
        grantFen: 200000,
        changes: 0,
        fromMonth: '2023-06',
        byCategory: [
          { category: 'dibao', cases: 3, monthlyFen: 185000, grantFen: 0 },
          { category: 'linshi', cases: 1, monthlyFen: 0, grantFen: 200000 },
        ],
      },
    });
    const cases = await t.reviewer.call('exchange.batchCases', { id: batchId });
    expect(cases.rows.map((c) => [c.name, c.villageName, c.category, c.persons])).toEqual([
      ['甲一', '花园村委会', 'dibao', 2],
      ['乙一', '花园村委会', 'dibao', 1],
      ['丙一', '丁冯村委会', 'dibao', 1],
      ['丁一', '丁冯村委会', 'linshi', 1],
    ]);

    // A clerk confirms nothing; a second clerk neither.
    const byClerk = await t.clerk.try('exchange.confirmBatch', { id: batchId, version: 1 });
    expect(byClerk.ok ? '' : byClerk.error.code).toBe('FORBIDDEN');

    await t.reviewer.call('exchange.confirmBatch', { id: batchId, version: 1 });
    expect(await counted()).toEqual({ lines: 3, totalFen: 185000, households: 3 });
    expect(caseStatuses()).toEqual([
      { category: 'dibao', status: 'active', pending: 0 },
      { category: 'dibao', status: 'active', pending: 0 },
      { category: 'dibao', status: 'active', pending: 0 },
      { category: 'linshi', status: 'active', pending: 0 },
    ]);
    const steps = t.core.ledger.raw
      .prepare(`SELECT actor_name FROM case_steps WHERE step = 'import_confirm' AND case_id = ?`)
      .all(caseId);
    expect(steps).toEqual([{ actor_name: '李审核' }]);
    const journal = t.core.ledger.raw
      .prepare(
        `SELECT action, count(*) AS n FROM journal WHERE action LIKE 'import.%' OR action = 'case.import_confirm'
        GROUP BY action ORDER BY action`,
      )
      .all();
    expect(journal).toEqual([
      { action: 'case.import_confirm', n: 4 },
      { action: 'import.batch', n: 1 },
      { action: 'import.confirm', n: 1 },
      { action: 'import.run', n: 1 },
    ]);

    const again = await t.reviewer.try('exchange.confirmBatch', { id: batchId, version: 2 });
    expect(again.ok ? '' : again.error.message).toBe('导入批次 1《台账.xlsx》已由李审核确认，不能再确认');
  });

  it('a reviewer who imported cannot confirm their own batch (经办与审核分离); another reviewer can', async () => {
    const r = await t.reviewer.call('exchange.import', await file('审核人导入.xlsx'));
    const own = await t.reviewer.try('exchange.confirmBatch', { id: r.batch?.id ?? '', version: 1 });
    expect(own.ok).toBe(false);
    if (!own.ok) {
      expect(own.error.code).toBe('RULE');
      expect(own.error.message).toBe(
        '导入批次 1《审核人导入.xlsx》是您导入的，须由导入人以外的审核人确认（经办与审核分离）：您不能确认自己导入的数据',
      );
    }
    expect((await t.reviewer.call('exchange.batches', {})).rows[0]?.mine).toBe(true);
    expect(await counted()).toEqual({ lines: 0, totalFen: 0, households: 0 });
    await t.admin.call('exchange.confirmBatch', { id: r.batch?.id ?? '', version: 1 });
    expect(await counted()).toEqual({ lines: 3, totalFen: 185000, households: 3 });
  });

  it('a rejected batch leaves nothing counting: its cases withdrawn and journalled, nothing deleted', async () => {
    const r = await t.clerk.call('exchange.import', await file());
    const noReason = await t.reviewer.try('exchange.rejectBatch', { id: r.batch?.id ?? '', version: 1, reason: '' });
    expect(noReason.ok ? '' : noReason.error.message).toContain('请填写驳回原因');
    const done = await t.reviewer.call('exchange.rejectBatch', {
      id: r.batch?.id ?? '',
      version: 1,
      reason: '金额与审批表不符',
    });
    expect(done).toMatchObject({ status: 'rejected', decidedByName: '李审核', decisionReason: '金额与审批表不符' });
    expect(caseStatuses()).toEqual([
      { category: 'dibao', status: 'withdrawn', pending: 0 },
      { category: 'dibao', status: 'withdrawn', pending: 0 },
      { category: 'dibao', status: 'withdrawn', pending: 0 },
      { category: 'linshi', status: 'withdrawn', pending: 0 },
    ]);
    expect(await counted()).toEqual({ lines: 0, totalFen: 0, households: 0 });
    const figures = await t.clerk.call('reports.figures', { month: '2024-02' });
    expect(figures.rows.filter((x) => x.category === 'linshi').reduce((n, x) => n + x.households, 0)).toBe(0);
    const journal = t.core.ledger.raw
      .prepare(`SELECT reason FROM journal WHERE action = 'case.import_reject' LIMIT 1`)
      .get();
    expect(journal).toEqual({ reason: '驳回导入批次 1《台账.xlsx》：金额与审批表不符' });
    // Nothing deleted: the people, households and case rows are all still there.
    const n = (table: string) =>
      (t.core.ledger.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([n('people'), n('households'), n('cases'), n('case_amounts')]).toEqual([5, 4, 4, 3]);
    // The corrected file imports again as a new batch (the households are found, new cases made).
    const again = await t.clerk.call('exchange.import', await file('台账（改）.xlsx'));
    expect(again).toMatchObject({ people: 0, households: 0, cases: 4, batch: { no: 2 } });
  });

  it('changes to existing cases wait in the batch; a case waiting in a batch cannot be changed by another import', async () => {
    const first = await t.clerk.call('exchange.import', await file());
    const preview = await t.clerk.call('exchange.previewImport', await file('再次.xlsx'));
    expect(preview).toMatchObject({ newCases: 0, unchangedCases: 4, errorCount: 0 });
    // A file changing a waiting case is refused for that household.
    const changed = {
      kind: 'cases' as const,
      fileName: '改.xlsx',
      data: await caseSheet([
        [1, '花园村', '乙一', '乙一', '户主', fakeId('1960-04-03', 3), '农村低保', 480, '2023-06'],
      ]),
    };
    const p = await t.clerk.call('exchange.previewImport', changed);
    expect(p.problems.filter((x) => x.severity === 'error').map((x) => x.message)).toEqual([
      '本户的救助在待确认的导入批次 1 中，须等审核人确认或驳回该批次后，才能再导入修改，本户整户未导入',
    ]);
    await t.reviewer.call('exchange.confirmBatch', { id: first.batch?.id ?? '', version: 1 });
    const r = await t.clerk.call('exchange.import', { ...changed, accept: 'all' });
    expect(r).toMatchObject({ cases: 0, changesApplied: 0, changesPending: 1, batch: { no: 2 } });
    expect((await counted()).totalFen).toBe(185000);
    // The reviewer rejects: the amount stays as it was.
    await t.reviewer.call('exchange.rejectBatch', { id: r.batch?.id ?? '', version: 1, reason: '未见调整审批' });
    expect((await counted()).totalFen).toBe(185000);
    const r2 = await t.clerk.call('exchange.import', { ...changed, fileName: '改2.xlsx', accept: 'all' });
    await t.reviewer.call('exchange.confirmBatch', { id: r2.batch?.id ?? '', version: 1 });
    expect((await counted()).totalFen).toBe(185000 + 3000);
  });
});

describe('an administrator’s first load of an empty ledger counts at once', () => {
  it('is journalled as 初始导入 and makes no batch; the administrator’s next import is a batch', async () => {
    const r = await t.admin.call('exchange.import', await file('初始.xlsx'));
    expect(r.batch).toBeNull();
    expect(await counted()).toEqual({ lines: 3, totalFen: 185000, households: 3 });
    const run = t.core.ledger.raw.prepare(`SELECT reason FROM journal WHERE action = 'import.run'`).get();
    expect(run).toEqual({ reason: '初始导入《初始.xlsx》' });
    const next = await t.admin.call('exchange.import', await file('补充.xlsx', 100));
    expect(next.batch).toMatchObject({ no: 1 });
    expect((await counted()).lines).toBe(3);
  });
});

describe('civil-ledger import-confirm', () => {
  function capture(): CliIO & { stdout: string[]; stderr: string[] } {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return {
      stdout,
      stderr,
      out: (s: string) => stdout.push(s),
      err: (s: string) => stderr.push(s),
      askSecret: async () => null,
    };
  }

  it('lists the waiting batches, refuses the importer, and confirms as another reviewer', async () => {
    const r = await t.reviewer.call('exchange.import', await file());
    const dbPath = t.dbPath;
    await t.core.close();
    process.env.CIVIL_LEDGER_PASSWORD = PASSWORD;

    const list = capture();
    expect(await main(['import-confirm', '--db', dbPath, '--user', 'admin', '--list'], list)).toBe(0);
    expect(list.stdout.join('\n')).toContain(
      '批次 1《台账.xlsx》待确认：李审核 2024-03-15 导入，4 户、5 人、4 件救助，在保月保障金合计 1,850.00 元，临时救助 2,000.00 元（最低生活保障 3，临时救助 1）',
    );

    const own = capture();
    expect(await main(['import-confirm', '--db', dbPath, '--user', 'reviewer', '--batch', '1'], own)).toBe(1);
    expect(own.stderr.join('\n')).toContain('是您导入的，须由导入人以外的审核人确认');

    const ok = capture();
    expect(await main(['import-confirm', '--db', dbPath, '--user', 'admin', '--batch', '1', '--json'], ok)).toBe(0);
    expect(JSON.parse(ok.stdout[0] ?? '')).toMatchObject({ id: r.batch?.id, no: 1, status: 'confirmed' });
    expect(ok.stderr.join('\n')).toContain('已确认批次 1：其中的 4 件救助自此计入发放花名册和月报');

    // A batch holding only a change to a case: the confirmation says the change took effect.
    const changed = await caseSheet([
      [1, '花园村', '乙一', '乙一', '户主', fakeId('1960-04-03', 3), '农村低保', 480, '2023-06'],
    ]);
    const imp = capture();
    const fileArgs = ['--file', join(t.dir, '改.xlsx'), '--apply-changes'];
    writeFileSync(join(t.dir, '改.xlsx'), Buffer.from(changed, 'base64'));
    expect(await main(['import', '--db', dbPath, '--user', 'clerk', ...fileArgs], imp)).toBe(0);
    const two = capture();
    expect(await main(['import-confirm', '--db', dbPath, '--user', 'reviewer', '--batch', '2'], two)).toBe(0);
    expect(two.stdout.join('\n')).toContain('已确认批次 2：其中的 0 件救助自此计入发放花名册和月报；1 处修改已生效');

    // On the roll once confirmed: the ledger opened again, as the app would.
    const core = await startCore({ dbPath });
    try {
      const login = await core.dispatcher.dispatch({
        method: 'auth.login',
        input: { username: 'clerk', password: PASSWORD },
      });
      const clerk = makeCaller(core, login.ok ? (login.data as { session: string }).session : '');
      const roll = await clerk.call('rolls.generate', { month: '2024-03' });
      expect([roll.lineCount, roll.totalFen]).toEqual([3, 185000]);
    } finally {
      await core.close();
    }
  });
});
