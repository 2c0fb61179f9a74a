import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertMonthOpen } from '../../../src/main/ledger/periods/lock';
import type { SummaryRow } from '../../../src/shared/api/reports';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { buildScenario, type Scenario } from './scenario';

function unzip(path: string): Record<string, Uint8Array> {
  return unzipSync(new Uint8Array(readFileSync(path)));
}
const text = (b: Uint8Array | undefined) => Buffer.from(b ?? new Uint8Array()).toString('utf8');

describe('the monthly report package', () => {
  let t: TestCore;
  let s: Scenario;
  beforeEach(async () => {
    t = await makeTestCore();
    s = await buildScenario(t.core.ledger.db);
    await s.fx.roll('2026-03');
  });
  afterEach(async () => t.close());

  it('holds summary.json in the stable shape, CSVs with BOM, and a manifest with the SHA-256 of every file', async () => {
    const pkg = await t.clerk.call('reports.build', { month: '2026-03' });
    expect(pkg).toMatchObject({
      month: '2026-03',
      revision: 1,
      status: 'prepared',
      checksOk: true,
      amountsDraft: false,
    });
    const files = unzip(join(t.core.dataDir, pkg.zipFile));
    const summary = JSON.parse(text(files['summary.json'])) as {
      township: string;
      month: string;
      revision: number;
      rows: SummaryRow[];
    };
    expect(Object.keys(summary).slice(0, 4)).toEqual(['township', 'month', 'revision', 'rows']);
    expect(summary.township).toBe('321202001');
    expect(summary.month).toBe('2026-03');
    expect(summary.revision).toBe(1);
    expect(summary.rows).toHaveLength(22);
    for (const r of summary.rows) {
      expect(Object.keys(r)).toEqual([
        'category',
        'area',
        'households',
        'persons',
        'newHouseholds',
        'newPersons',
        'exitHouseholds',
        'exitPersons',
        'amountFen',
      ]);
    }
    expect(summary.rows.find((r) => r.category === 'dibao' && r.area === 'rural')).toEqual({
      category: 'dibao',
      area: 'rural',
      households: 1,
      persons: 3,
      newHouseholds: 0,
      newPersons: 0,
      exitHouseholds: 0,
      exitPersons: 0,
      amountFen: 90000,
    });
    const manifest = JSON.parse(text(files['manifest.json'])) as {
      township: string;
      month: string;
      revision: number;
      schemaVersion: number;
      app: { version: string };
      files: { name: string; sha256: string; bytes: number }[];
      rowCounts: Record<string, number>;
    };
    expect(manifest).toMatchObject({ township: '321202001', month: '2026-03', revision: 1 });
    expect(manifest.app.version).toMatch(/^\d+\.\d+\.\d+/);
    const names = Object.keys(files)
      .filter((n) => n !== 'manifest.json')
      .sort();
    expect(manifest.files.map((f) => f.name).sort()).toEqual(names);
    for (const f of manifest.files) {
      expect(
        createHash('sha256')
          .update(files[f.name] ?? new Uint8Array())
          .digest('hex'),
        f.name,
      ).toBe(f.sha256);
    }
    const cases = files['cases.csv'] ?? new Uint8Array();
    expect([...cases.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(manifest.rowCounts['cases.csv']).toBe(5); // h1 低保, h2 低保, h2 残疾, h3 特困, h4 特困
    const persons = text(files['persons.csv']);
    expect(persons).toContain("'=李四"); // a name starting with = is neutralised
    expect(persons).toContain('**************002X'); // masked ID
    expect(persons).not.toContain('11010519491231002X');
    // Files on disk: the workbook and the archive, no temp files left.
    const dir = join(t.core.dataDir, 'reports', '2026-03');
    expect(readdirSync(dir).filter((n) => n.includes('.tmp')).length).toBe(0);
    expect(existsSync(join(t.core.dataDir, pkg.xlsxFile))).toBe(true);
  });

  it('a package whose checks fail cannot be marked final', async () => {
    const pkg = await t.clerk.call('reports.build', { month: '2026-02' }); // no roll for February
    expect(pkg.checksOk).toBe(false);
    const r = await t.reviewer.try('reports.finalize', { packageId: pkg.id, version: pkg.version });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('校验未通过');
  });

  it('only a reviewer may mark final; a final month refuses changes without a reason; revision 2 after reopening', async () => {
    const pkg = await t.clerk.call('reports.build', { month: '2026-03' });
    const byClerk = await t.clerk.try('reports.finalize', { packageId: pkg.id, version: pkg.version });
    expect(byClerk.ok).toBe(false);
    const period = await t.reviewer.call('reports.finalize', { packageId: pkg.id, version: pkg.version });
    expect(period).toMatchObject({ status: 'final', finalRevision: 1 });

    const db = t.core.ledger.db;
    await expect(assertMonthOpen(db, '2026-03')).rejects.toThrow(/已定稿.*须填写更正原因/);
    await expect(assertMonthOpen(db, '2026-03', '  ')).rejects.toThrow(/须填写更正原因/);
    expect(await assertMonthOpen(db, '2026-04')).toEqual({ final: false, finalRevision: 0 });
    const again = await t.clerk.try('reports.build', { month: '2026-03' });
    expect(again.ok).toBe(false);

    // A correction with a reason goes through and flags the month.
    expect(await assertMonthOpen(db, '2026-03', '漏录家庭成员')).toEqual({ final: true, finalRevision: 1 });
    expect((await t.clerk.call('reports.period', { month: '2026-03' })).amended).toBe(true);

    const reopened = await t.reviewer.call('reports.reopen', { month: '2026-03', reason: '漏录新增特困人员' });
    expect(reopened.status).toBe('open');
    // The correction: a 特困 person added in March, and the roll regenerated for the corrected month.
    const h = await s.fx.household({
      village: s.west,
      area: 'urban',
      head: await s.fx.person({ name: '钱五', sex: 'M', birthDate: '1950-01-01' }),
    });
    await s.fx.case({
      household: h,
      category: 'tekun',
      area: 'urban',
      supportMode: 'dispersed',
      careGrade: 'none',
      start: '2026-03',
      person: undefined,
      amounts: [{ month: '2026-03', amount: 70000 }],
    });
    await db.deleteFrom('payment_roll_lines').execute();
    await db.deleteFrom('payment_rolls').execute();
    await s.fx.roll('2026-03');

    const r2 = await t.clerk.call('reports.build', { month: '2026-03' });
    expect(r2.revision).toBe(2);
    expect(r2.checksOk).toBe(true);
    const files = unzip(join(t.core.dataDir, r2.zipFile));
    const summary = JSON.parse(text(files['summary.json'])) as {
      revision: number;
      differences: { category: string; area: string; field: string; before: number; after: number }[];
    };
    expect(summary.revision).toBe(2);
    expect(summary.differences).toContainEqual({
      category: 'tekun_dispersed',
      area: 'urban',
      field: 'households',
      before: 0,
      after: 1,
    });
    expect(summary.differences).toContainEqual({
      category: 'tekun_dispersed',
      area: 'urban',
      field: 'amountFen',
      before: 0,
      after: 70000,
    });
    const final2 = await t.reviewer.call('reports.finalize', { packageId: r2.id, version: r2.version });
    expect(final2.finalRevision).toBe(2);
    const history = await t.clerk.call('reports.packages', { month: '2026-03' });
    expect(history.map((p) => [p.revision, p.status])).toEqual([
      [2, 'final'],
      [1, 'final'],
    ]);
  });

  it('a package built before a change is refused at finalisation', async () => {
    const pkg = await t.clerk.call('reports.build', { month: '2026-03' });
    await t.core.ledger.db.updateTable('people').set({ sex: 'F' }).where('id', '=', s.p.p2).execute();
    const r = await t.reviewer.try('reports.finalize', { packageId: pkg.id, version: pkg.version });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('重新生成');
  });

  it('traces a figure to its records with masked ID numbers', async () => {
    const persons = await t.clerk.call('reports.trace', {
      month: '2026-03',
      category: 'dibao',
      area: 'rural',
      measure: 'persons',
    });
    expect(persons.kind).toBe('persons');
    expect(persons.total).toBe(3);
    if (persons.kind === 'persons') {
      expect(persons.rows.map((r) => r.name).sort()).toEqual(['张大妈', '张小明', '张小花'].sort());
      expect(persons.rows.find((r) => r.name === '张大妈')?.idNumber).toBe('**************002X');
    }
    const elderly = await t.clerk.call('reports.trace', {
      month: '2026-03',
      category: 'dibao',
      area: 'rural',
      measure: 'persons',
      attribute: 'elderly',
      villageId: s.east,
    });
    expect(elderly.total).toBe(1);
    const amount = await t.clerk.call('reports.trace', {
      month: '2026-03',
      category: 'tekun_centralized',
      area: 'rural',
      measure: 'amount',
    });
    expect(amount).toMatchObject({ kind: 'cases', total: 1, sumFen: 120000 });
    const exits = await t.clerk.call('reports.trace', {
      month: '2026-04',
      category: 'dibao',
      area: 'urban',
      measure: 'exitHouseholds',
    });
    expect(exits.total).toBe(1);
    if (exits.kind === 'cases') expect(exits.rows[0]?.headName).toBe('=李四');
  });
});

describe('every figure opens exactly the records it counts', () => {
  it('trace totals equal the figures for each row and measure, across months', async () => {
    const t = await makeTestCore();
    try {
      const s = await buildScenario(t.core.ledger.db);
      await s.fx.roll('2026-03');
      for (const month of ['2026-01', '2026-02', '2026-03', '2026-04']) {
        const f = await t.clerk.call('reports.figures', { month });
        for (const r of f.rows) {
          for (const [measure, value] of [
            ['households', r.households],
            ['persons', r.persons],
            ['newHouseholds', r.newHouseholds],
            ['newPersons', r.newPersons],
            ['exitHouseholds', r.exitHouseholds],
            ['exitPersons', r.exitPersons],
          ] as const) {
            const tr = await t.clerk.call('reports.trace', { month, category: r.category, area: r.area, measure });
            expect(tr.total, `${month} ${r.category}/${r.area} ${measure}`).toBe(value);
          }
          const amount = await t.clerk.call('reports.trace', {
            month,
            category: r.category,
            area: r.area,
            measure: 'amount',
          });
          if (amount.kind === 'cases')
            expect(amount.sumFen, `${month} ${r.category}/${r.area} amount`).toBe(r.amountFen);
        }
      }
    } finally {
      await t.close();
    }
  });
});
