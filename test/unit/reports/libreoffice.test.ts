// LibreOffice opens the workbook and its values match summary.json (skipped, with the reason printed, when soffice
// is not installed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SummaryRow } from '../../../src/shared/api/reports';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { buildScenario } from './scenario';

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
const hasSoffice = soffice.status === 0;
if (!hasSoffice) console.warn('跳过 LibreOffice 测试：未找到 soffice（apt-get install libreoffice-calc）');

/** Minimal CSV reader for LibreOffice's output (comma, double quotes). */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (q) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') q = false;
      else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch ?? '';
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe.skipIf(!hasSoffice)('the workbook in LibreOffice', () => {
  let t: TestCore;
  let sheets: Map<string, string[][]>;
  let summary: {
    rows: SummaryRow[];
    dibao: { area: string; total: { households: number; persons: number; monthFen: number } }[];
  };

  beforeAll(async () => {
    t = await makeTestCore();
    const s = await buildScenario(t.core.ledger.db);
    await s.fx.roll('2026-03');
    const pkg = await t.clerk.call('reports.build', { month: '2026-03' });
    const files = unzipSync(new Uint8Array(readFileSync(join(t.core.dataDir, pkg.zipFile))));
    summary = JSON.parse(Buffer.from(files['summary.json'] ?? new Uint8Array()).toString('utf8')) as typeof summary;
    const out = mkdtempSync(join(tmpdir(), 'lo-out-'));
    const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
    const r = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        out,
        join(t.core.dataDir, pkg.xlsxFile),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    sheets = new Map();
    for (const f of readdirSync(out)) {
      const name =
        f
          .replace(/\.csv$/, '')
          .split('-')
          .at(-1) ?? f;
      sheets.set(name, parseCsv(readFileSync(join(out, f), 'utf8')));
    }
  }, 180_000);
  afterAll(async () => t?.close());

  it('has one sheet per form', () => {
    expect([...sheets.keys()].sort()).toEqual(
      [
        '社会救助月报',
        '城市低保统计表',
        '农村低保统计表',
        '特困人员',
        '临时救助',
        '养老服务',
        '社会组织',
        '儿童福利',
        '救助物资',
        '变更清单',
        '校验结果',
      ].sort(),
    );
  });

  it('the summary sheet shows the summary.json rows with the same numbers, by indicator name', () => {
    const rows = sheets.get('社会救助月报') ?? [];
    const now = (name: string) => Number(rows.find((l) => l[0] === name)?.[3]);
    const row = (c: string, a: string) => summary.rows.find((r) => r.category === c && r.area === a);
    for (const [a, an] of [
      ['urban', '城市'],
      ['rural', '农村'],
    ] as const) {
      expect(now(`${an}最低生活保障户数`)).toBe(row('dibao', a)?.households);
      expect(now(`${an}最低生活保障人数`)).toBe(row('dibao', a)?.persons);
      expect(Math.round(now(`${an}最低生活保障支出`) * 100)).toBe(row('dibao', a)?.amountFen);
      expect(now(`${an}特困人员救助供养人数`)).toBe(
        (row('tekun_centralized', a)?.persons ?? 0) + (row('tekun_dispersed', a)?.persons ?? 0),
      );
    }
    const canji = summary.rows.filter((r) => r.category === 'canji_living');
    expect(now('享受困难残疾人生活补贴人数')).toBe(canji.reduce((x, r) => x + r.persons, 0));
    expect(summary.rows.find((r) => r.category === 'dibao' && r.area === 'rural')?.amountFen).toBe(90000);
  });

  it('the county 低保 sheets carry the totals of summary.json', () => {
    for (const [sheet, area] of [
      ['农村低保统计表', 'rural'],
      ['城市低保统计表', 'urban'],
    ] as const) {
      const rows = sheets.get(sheet) ?? [];
      const headerAt = rows.findIndex((l) => l[0] === '栏次');
      const total = rows[headerAt + 1] ?? [];
      const want = summary.dibao.find((d) => d.area === area)?.total;
      expect(Number(total[2])).toBe(want?.households);
      expect(Number(total[3])).toBe(want?.persons);
      expect(Math.round(Number(total[27]) * 100)).toBe(want?.monthFen);
    }
  });
});
