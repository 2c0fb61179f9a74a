// Benchmark (issue 5): build a 10,000-row case ledger .xlsx the way clerks keep it (one row per person, household
// cells left blank below the first member), time its preview and import into a fresh ledger through the real
// dispatcher, and time LibreOffice converting the same file headless (soffice --headless --convert-to csv).
// Prints figures; asserts nothing. Run: npx tsx test/bench/import.bench.ts [--rows N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { idCheckChar } from '../../src/shared/idcard';
import { makeTestCore } from '../helpers/ledger';

const argRows = process.argv.indexOf('--rows');
const ROWS_ARG = argRows > 0 ? Number(process.argv[argRows + 1]) : 10_000;
const VILLAGES = ['花园村', '丁冯村', '唐甸村', '孙金村', '东安社区', '斜桥社区', '迎春居委会'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁';
const GIVEN = '桂英建国秀兰长林志强丽春花德明小军梅福根有才丹凤玉珍淑芬海燕晓东国庆红霞金凤永胜';

export async function buildWorkbook(path: string, total = ROWS_ARG): Promise<{ households: number }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('低保台账');
  ws.addRow(['城东街道最低生活保障对象花名册']);
  ws.addRow([
    '序号',
    '村(社区)',
    '户主姓名',
    '姓名',
    '与户主关系',
    '身份证号码',
    '保障类别',
    '保障人数',
    '月保障金（元）',
    '享受起始时间',
  ]);
  let seed = 12345;
  const r = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  let rows = 0;
  let households = 0;
  let serial = 0;
  const used = new Set<string>();
  while (rows < total) {
    households++;
    const size = Math.min(1 + Math.floor(r() * 4), total - rows);
    const village = VILLAGES[Math.floor(r() * VILLAGES.length)] as string;
    const area = village.endsWith('村') ? '农村' : '城市';
    for (let i = 0; i < size; i++) {
      serial++;
      const birth = `${1930 + Math.floor(r() * 80)}${String(1 + Math.floor(r() * 12)).padStart(2, '0')}${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
      let seq = serial % 1000;
      while (used.has(`${birth}${seq}`)) seq = (seq + 1) % 1000;
      used.add(`${birth}${seq}`);
      const first17 = `321299${birth}${String(seq).padStart(3, '0')}`;
      const name =
        SURNAMES.charAt(Math.floor(r() * SURNAMES.length)) +
        GIVEN.charAt(Math.floor(r() * GIVEN.length)) +
        GIVEN.charAt(Math.floor(r() * GIVEN.length));
      ws.addRow([
        i === 0 ? households : null,
        i === 0 ? village : null,
        i === 0 ? name : null,
        name,
        i === 0 ? '户主' : ['配偶', '子', '女', '孙子女'][Math.floor(r() * 4)],
        first17 + idCheckChar(first17),
        i === 0 ? `${area}低保` : null,
        i === 0 ? size : null,
        i === 0 ? 400 + Math.floor(r() * 800) : null,
        i === 0 ? new Date(Date.UTC(2015 + Math.floor(r() * 9), Math.floor(r() * 12), 1)) : null,
      ]);
      rows++;
    }
  }
  await wb.xlsx.writeFile(path);
  return { households };
}

function soffice(file: string, outDir: string, profile: string): number {
  const t0 = performance.now();
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv', '--outdir', outDir, file],
    {
      stdio: 'ignore',
      timeout: 600_000,
    },
  );
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import5-'));
  try {
    const ROWS = ROWS_ARG;
    const file = join(dir, `台账-${ROWS}行.xlsx`);
    const built = await buildWorkbook(file, ROWS);
    const bytes = readFileSync(file);
    console.log(`workbook: ${ROWS} rows, ${built.households} households, ${(bytes.length / 1024).toFixed(0)} KB`);
    // Unique ID numbers are required: one ID = one person.
    const t = await makeTestCore();
    try {
      const input = { kind: 'cases' as const, fileName: 'bench.xlsx', data: bytes.toString('base64') };
      const rss0 = process.memoryUsage().rss;
      let t0 = performance.now();
      const preview = await t.clerk.call('exchange.previewImport', input);
      const previewMs = performance.now() - t0;
      if (preview.errorCount > 0)
        throw new Error(`unexpected problems: ${JSON.stringify(preview.problems.slice(0, 3))}`);
      t0 = performance.now();
      const result = await t.clerk.call('exchange.import', input);
      const importMs = performance.now() - t0;
      const rss1 = process.memoryUsage().rss;
      t0 = performance.now();
      const again = await t.clerk.call('exchange.previewImport', input);
      const reMs = performance.now() - t0;
      t0 = performance.now();
      const exported = await t.reviewer.call('exchange.exportCases', {
        filter: { status: 'all' },
        fullIdNumbers: true,
        reason: '性能测试',
      });
      const exportMs = performance.now() - t0;
      console.log(`preview (read + check + compare):   ${(previewMs / 1000).toFixed(2)} s`);
      console.log(
        `import (read + check + write, 1 tx): ${(importMs / 1000).toFixed(2)} s — ${result.people} people, ${result.households} households, ${result.cases} cases`,
      );
      console.log(
        `re-import preview (all matched):     ${(reMs / 1000).toFixed(2)} s — ${again.unchangedCases} unchanged, ${again.newPeople} new`,
      );
      console.log(`export ${exported.rows} rows:             ${(exportMs / 1000).toFixed(2)} s`);
      console.log(
        `RSS after import: ${(rss1 / 1024 / 1024).toFixed(0)} MB (before: ${(rss0 / 1024 / 1024).toFixed(0)} MB)`,
      );
    } finally {
      await t.close();
    }
    try {
      const profile = join(dir, 'lo-profile');
      const cold = soffice(file, join(dir, 'lo'), profile);
      const warm = soffice(file, join(dir, 'lo2'), profile);
      console.log(
        `LibreOffice headless --convert-to csv: ${(warm / 1000).toFixed(2)} s (first run with a new profile: ${(cold / 1000).toFixed(2)} s)`,
      );
    } catch (e) {
      console.log(`LibreOffice not measured: ${(e as Error).message.split('\n')[0]}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && /import\.bench\.ts$/.test(process.argv[1])) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
