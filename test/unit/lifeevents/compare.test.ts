// 数据比对: a real workbook (title rows above the header) with a hit of every effect, a 15-digit number, people on
// no ledger and a bad number — through `civil-ledger compare --json`; then the work items and --record on a deaths list.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/main/cli/command';
import { main } from '../../../src/main/cli/index';
import { startCore } from '../../../src/main/core';
import { addWorkingDays } from '../../../src/shared/time';
import { login, PASSWORD } from '../../helpers/ledger';
import { approvedCase, household, idFor, member, putStandards, setup, type Ctx } from '../cases/fixtures';

let c: Ctx | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await c?.t.close().catch(() => undefined);
  c = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  delete process.env.CIVIL_LEDGER_PASSWORD;
});

/** The 15-digit form of an 18-digit number born in the 1900s. */
const to15 = (id18: string) => id18.slice(0, 6) + id18.slice(8, 17);

async function workbook(path: string, rows: (string | null)[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('火化名单');
  ws.addRow(['城东街道2025年6月殡葬火化人员名单']);
  ws.addRow([]);
  ws.addRow(['序号', '姓名', '公民身份号码', '死亡日期', '火化地点']);
  rows.forEach((r, i) => ws.addRow([String(i + 1), ...r]));
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
}

function capture(): CliIO & { lines: string[]; errs: string[] } {
  const lines: string[] = [];
  const errs: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => errs.push(t), askSecret: async () => null, lines, errs };
}

describe('数据比对', () => {
  it('classifies every effect, converts 15-digit numbers, counts people on no ledger, and keeps the comparison', async () => {
    c = await setup('2025-03-03');
    const { t, clock } = c;
    await putStandards(c);
    // A paying 低保 household of two, and a son who joined later (in the household, not covered).
    const page = await household(
      c,
      [member('周建国', '1960-02-01', 'M', '户主'), member('吴桂英', '1962-03-01', 'F', '配偶')],
      0,
    );
    const k = await approvedCase(
      c,
      { householdId: page.household.id, category: 'dibao', appliedOn: '2025-03-03' },
      '2025-03-20',
    );
    const sonId = idFor('1990-01-01', 'M');
    clock.set('2025-04-02');
    await t.clerk.call('households.addMember', {
      householdId: page.household.id,
      relation: '子',
      joinedOn: '2025-04-01',
      person: { name: '周小军', idNumber: sonId },
    });
    // A 特困 person whose case stopped.
    const tp = await household(c, [member('钱老五', '1940-05-05', 'M', '户主', { labourCapacity: 'none' })], 0);
    const tk = await approvedCase(
      c,
      {
        householdId: tp.household.id,
        category: 'tekun',
        supportMode: 'dispersed',
        personId: tp.members[0]!.personId,
        appliedOn: '2025-04-02',
      },
      '2025-04-28',
    );
    clock.set('2025-05-06');
    await t.reviewer.call('cases.stop', {
      id: tk.id,
      version: tk.version,
      stopMonth: '2025-06',
      reason: '入住子女家，不再符合',
    });
    // On the elderly register only.
    const elderId = idFor('1938-08-08', 'F');
    await t.clerk.call('elderly.register', {
      idNumber: elderId,
      name: '孙奶奶',
      villageId: c.villageId,
      categories: ['alone'],
      riskLevel: 'key',
      registeredOn: '2025-05-06',
    });
    clock.set('2025-07-03');
    const wife = page.members.find((m) => m.name === '吴桂英')!;
    const head = page.members.find((m) => m.name === '周建国')!;
    const wifeId = (await t.admin.call('people.revealId', { id: wife.personId, reason: '测试比对' })).idNumber!;
    const headId = (await t.admin.call('people.revealId', { id: head.personId, reason: '测试比对' })).idNumber!;
    const oldId = (await t.admin.call('people.revealId', { id: tp.members[0]!.personId, reason: '测试比对' }))
      .idNumber!;
    // The command line opens the ledger itself (one program per ledger).
    const dbFile = t.dbPath;
    dirs.push(t.dir);
    await t.core.close();
    c = undefined;

    const dir = mkdtempSync(join(tmpdir(), 'civil-ledger-compare-'));
    dirs.push(dir);
    const file = join(dir, '火化名单.xlsx');
    await workbook(file, [
      ['周建国', headId, '2025-06-20', '市殡仪馆'], // row 4: active recipient
      ['吴桂英', to15(wifeId), '2025-06-10', '市殡仪馆'], // row 5: 15-digit form of a recipient's number
      ['周小军', sonId, '2025-06-11', '市殡仪馆'], // row 6: in the paying household, not covered
      ['钱老五', oldId, '2025-06-12', '市殡仪馆'], // row 7: stopped case only
      ['孙奶奶', elderId, '2025-06-13', '市殡仪馆'], // row 8: elderly register only
      ['外乡人', idFor('1950-01-01', 'M', '110105'), '2025-06-14', '市殡仪馆'], // row 9: on no ledger
      ['路人甲', idFor('1951-01-01', 'F', '110105'), '2025-06-15', '市殡仪馆'], // row 10: on no ledger
      ['错号', '32120219600201001X', '2025-06-16', '市殡仪馆'], // row 11: wrong check digit
    ]);
    process.env.CIVIL_LEDGER_PASSWORD = PASSWORD;
    const io = capture();
    const code = await main(
      ['compare', '--db', dbFile, '--list', 'deaths', '--file', file, '--user', 'clerk', '--json'],
      io,
    );
    expect(code).toBe(0);
    expect(io.lines).toHaveLength(1);
    const out = JSON.parse(io.lines[0]!) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['list', 'file', 'rows', 'hits', 'notOnLedger']);
    expect(out).toEqual({
      list: 'deaths',
      file: '火化名单.xlsx',
      rows: 8,
      hits: [
        {
          row: 4,
          name: '周建国',
          idMasked: expect.stringMatching(/\*+.{4}$/),
          effect: 'active_recipient',
          cases: [{ id: k.id, category: 'dibao', status: 'active' }],
        },
        {
          row: 5,
          name: '吴桂英',
          idMasked: expect.any(String),
          effect: 'active_recipient',
          cases: [{ id: k.id, category: 'dibao', status: 'active' }],
        },
        {
          row: 6,
          name: '周小军',
          idMasked: expect.any(String),
          effect: 'member_of_paying_household',
          cases: [{ id: k.id, category: 'dibao', status: 'active' }],
        },
        {
          row: 7,
          name: '钱老五',
          idMasked: expect.any(String),
          effect: 'stopped',
          cases: [{ id: tk.id, category: 'tekun', status: 'stopped' }],
        },
        { row: 8, name: '孙奶奶', idMasked: expect.any(String), effect: 'register_only', cases: [] },
      ],
      notOnLedger: 2,
    });
    expect(io.errs.join('\n')).toContain('第 11 行（错号）：');

    // --record: each matched person's death is recorded from the list, citing file and row; the register-only
    // person has nothing to stop.
    const io2 = capture();
    expect(
      await main(['compare', '--db', dbFile, '--list', 'deaths', '--file', file, '--user', 'clerk', '--record'], io2),
    ).toBe(0);
    expect(io2.lines.join('\n')).toContain('已登记死亡 4 人');
    expect(io2.lines.join('\n')).toContain('未登记：第 8 行 孙奶奶：只在老年人名册中');

    const core = await startCore({ dbPath: dbFile });
    try {
      const clerk = await login(core, 'clerk');
      // Both covered persons died in June: the 低保 case stopped by itself from July.
      expect(await clerk.call('cases.get', { id: k.id })).toMatchObject({
        status: 'stopped',
        stopMonth: '2025-07',
        stopReason: '死亡',
      });
      const deaths = await clerk.call('deaths.list', {});
      expect(deaths.find((d) => d.name === '吴桂英')).toMatchObject({
        diedOn: '2025-06-10',
        source: 'compare',
        sourceRef: expect.stringContaining('火化名单.xlsx 第 5 行'),
      });
      const batches = await clerk.call('compare.batches', {});
      expect(batches.map((b) => [b.rows, b.hits, b.notOnLedger, b.badRows, b.recordedDeaths, b.open])).toEqual([
        [8, 5, 2, 1, 4, 5],
        [8, 5, 2, 1, 0, 5],
      ]);
      expect(batches[0]!.fileSha256).toBe(batches[1]!.fileSha256);
      expect(batches[1]!.counts).toEqual({
        active_recipient: 2,
        member_of_paying_household: 1,
        stopped: 1,
        register_only: 1,
      });
      // A work item per hit, due in 5 working days (the command line runs on today's date); the check's outcome is recorded and journalled.
      const open = await clerk.call('compare.hits', { batchId: batches[1]!.id, status: 'open' });
      expect(open.total).toBe(5);
      expect(open.rows[0]).toMatchObject({
        dueOn: addWorkingDays(batches[1]!.comparedOn, 5),
        columns: { 姓名: expect.any(String), 火化地点: '市殡仪馆' },
      });
      const son = open.rows.find((h) => h.row === 6)!;
      const bad = await clerk.try('compare.check', {
        id: son.id,
        version: son.version,
        outcome: 'not_true',
        checkedOn: '2025-07-03',
        note: '',
      });
      expect(bad.ok).toBe(false);
      const checked = await clerk.call('compare.check', {
        id: son.id,
        version: son.version,
        outcome: 'true_handled',
        checkedOn: '2025-07-03',
        note: '入户核实，张经办、村委王主任；已登记死亡',
      });
      expect(checked).toMatchObject({ status: 'closed', outcome: 'true_handled', checkedByName: '张经办' });
      const j = core.ledger.raw.prepare(`SELECT count(*) AS n FROM journal WHERE action = 'compare.check'`).get() as {
        n: number;
      };
      expect(j.n).toBe(1);
    } finally {
      await core.close();
    }
  });

  it('reads an old .xls list (Excel 97–2003, as other departments send) the same way', async () => {
    c = await setup('2025-03-03');
    const { t } = c;
    await putStandards(c);
    const page = await household(c, [member('郑老大', '1955-02-01', 'M', '户主')], 0);
    const k = await approvedCase(
      c,
      { householdId: page.household.id, category: 'dibao', appliedOn: '2025-03-03' },
      '2025-03-20',
    );
    c.clock.set('2025-04-02'); // paid from April
    const id = (await t.admin.call('people.revealId', { id: page.members[0]!.personId, reason: '测试比对' })).idNumber!;
    const XLSX = await import('@e965/xlsx');
    const ws = XLSX.utils.aoa_to_sheet([
      ['财政供养人员名单（县人社局）'],
      ['姓名', '身份证号', '工作单位'],
      ['郑老大', to15(id), '县水利局'],
      ['外县人', idFor('1980-01-01', 'M', '110105'), '县教育局'],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '名单');
    const xls = XLSX.write(wb, { type: 'buffer', bookType: 'xls' }) as Buffer;
    const r = await t.clerk.call('compare.run', {
      list: 'public-servants',
      fileName: '财政供养.xls',
      data: Buffer.from(xls).toString('base64'),
    });
    expect(r).toMatchObject({ rows: 2, notOnLedger: 1, headerRow: 2, badRows: [] });
    expect(r.hits).toEqual([
      {
        row: 3,
        name: '郑老大',
        idMasked: expect.any(String),
        effect: 'active_recipient',
        cases: [{ id: k.id, category: 'dibao', status: 'active' }],
      },
    ]);
    const hits = await t.clerk.call('compare.hits', { batchId: r.batchId });
    expect(hits.rows[0]!.columns).toEqual({ 姓名: '郑老大', 工作单位: '县水利局' });
    // --record is for deaths lists only.
    const wrong = await t.clerk.try('compare.run', {
      list: 'public-servants',
      fileName: '财政供养.xls',
      data: Buffer.from(xls).toString('base64'),
      record: true,
    });
    expect(!wrong.ok && wrong.error.message).toBe('只有死亡名单可以“登记死亡”（--record）');
  });
});
