// `civil-ledger import` end to end in-process: a real ledger file, a named user, exit codes 0 / 3 / 2.
import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/main/cli/index';
import type { CliIO } from '../../../src/main/cli/command';
import { FIXTURE_FILES } from '../../fixtures/make-fixtures';
import { capture, cliLedger } from './cli-helpers';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'import');

let dir: string;
let db: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ db, dir, cleanup } = await cliLedger('civil-ledger-cli-'));
});
afterEach(() => cleanup());

const counts = (): number[] => {
  const raw = new Database(db, { readonly: true });
  try {
    return ['people', 'households', 'cases'].map(
      (t) => (raw.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    );
  } finally {
    raw.close();
  }
};

describe('civil-ledger import', () => {
  it('exits 0 and imports a clean ledger as the named user', async () => {
    const io = capture();
    const code = await main(
      [
        'import',
        '--db',
        db,
        '--kind',
        'cases',
        '--file',
        join(fixtures, FIXTURE_FILES.multiVillage),
        '--user',
        'clerk',
      ],
      io,
    );
    expect(io.text()).toContain('已导入：新增 9 人、5 户、5 件救助；应用修改 0 处');
    expect(code).toBe(0);
    expect(counts()).toEqual([9, 5, 5]);
    const raw = new Database(db, { readonly: true });
    expect(raw.prepare(`SELECT actor_name FROM journal WHERE action = 'import.run'`).get()).toEqual({
      actor_name: '张经办',
    });
    raw.close();
  });

  it('exits 3 and writes nothing when rows are rejected; --errors writes them out; --partial imports the rest', async () => {
    const errors = join(dir, '未导入.xlsx');
    const io = capture();
    const file = join(fixtures, FIXTURE_FILES.messy);
    const code = await main(
      ['import', '--db', db, '--kind', 'cases', '--file', file, '--user', 'clerk', '--errors', errors],
      io,
    );
    expect(code).toBe(3);
    expect(io.text()).toContain(
      '✗ 「低保」 第 3 行 E（身份证号码）：看起来被 Excel 改成了科学计数法（3.21299E+17），原号码已丢失，请把该列设为文本后重新录入（值：3.21299E+17）',
    );
    expect(io.text()).toContain('有被拒绝的行，未导入任何数据');
    expect(counts()).toEqual([0, 0, 0]);
    expect(existsSync(errors)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(errors) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]?.rowCount).toBe(9); // header + 8 rejected rows

    const partial = await main(
      ['import', '--db', db, '--kind', 'cases', '--file', file, '--user', 'clerk', '--partial'],
      capture(),
    );
    expect(partial).toBe(3);
    expect(counts()).toEqual([2, 2, 2]);
  });

  it('without --kind the file is read as the case ledger', async () => {
    const io = capture();
    const file = join(fixtures, FIXTURE_FILES.multiVillage);
    const code = await main(['import', '--db', db, '--file', file, '--user', 'clerk', '--dry-run'], io);
    expect(code).toBe(0);
    expect(io.text()).toContain('新增 9 人、5 户、5 件救助');
  });

  it('--dry-run writes nothing', async () => {
    const io = capture();
    const code = await main(
      [
        'import',
        '--db',
        db,
        '--kind',
        'cases',
        '--file',
        join(fixtures, FIXTURE_FILES.gbkCsv),
        '--user',
        'clerk',
        '--dry-run',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(io.text()).toContain('文件：城市低保-GBK.csv（CSV，GB18030）');
    expect(counts()).toEqual([0, 0, 0]);
  });

  it('exits 2 for an unreadable file, a missing file, a bad mapping, a wrong password or bad usage', async () => {
    const html = join(dir, 'fake.xlsx');
    writeFileSync(html, '<html><body>not a workbook</body></html>');
    const run = async (...args: string[]): Promise<[number, string]> => {
      const io = capture();
      const code = await main(['import', '--db', db, '--kind', 'cases', '--user', 'clerk', ...args], io);
      return [code, io.text()];
    };
    expect(await run('--file', html)).toEqual([
      2,
      '“fake.xlsx”的扩展名是 .xlsx，但内容不是 Excel 工作簿，而是网页（HTML）。请在 Excel 或 WPS 中另存为 .xlsx 后导入',
    ]);
    expect((await run('--file', join(dir, 'none.xlsx')))[0]).toBe(2);
    expect(await run('--file', join(fixtures, FIXTURE_FILES.multiVillage), '--map', '金额=money')).toEqual([
      2,
      '映射“金额=money”中的字段“money”不存在',
    ]);
    // Larger than an import takes: refused by its size, before it is read (a sparse file, nothing written to disk).
    const big = join(dir, '大.csv');
    closeSync(openSync(big, 'w'));
    truncateSync(big, 70 * 1024 * 1024);
    expect(await run('--file', big)).toEqual([
      2,
      `文件“${big}”有 70 MB，超过上限 48 MB，未读取。请按村(社区)拆成几个文件分别导入`,
    ]);
    const empty = join(dir, '空.xlsx');
    writeFileSync(empty, '');
    expect(await run('--file', empty)).toEqual([
      2,
      `文件“${empty}”是空的（0 字节），没有任何内容。请确认选对了文件，或在 Excel/WPS 中重新保存`,
    ]);
    process.env.CIVIL_LEDGER_PASSWORD = 'wrong-password';
    const [code, text] = await run('--file', join(fixtures, FIXTURE_FILES.multiVillage));
    expect(code).toBe(2);
    expect(text).toMatch(/^登录失败：登录名或密码不正确/);
    expect(counts()).toEqual([0, 0, 0]);
  });
});

describe('civil-ledger import --json', () => {
  function split(): CliIO & { stdout: string[]; stderr: string[] } {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return {
      stdout,
      stderr,
      out: (t: string) => stdout.push(t),
      err: (t: string) => stderr.push(t),
      askSecret: async () => null,
    };
  }
  const args = (file: string, ...more: string[]): string[] => [
    'import',
    '--db',
    db,
    '--kind',
    'cases',
    '--file',
    file,
    '--user',
    'clerk',
    '--json',
    ...more,
  ];

  it('prints exactly one JSON object with the agreed shape to stdout, the human text to stderr', async () => {
    const io = split();
    const code = await main(args(join(fixtures, FIXTURE_FILES.multiVillage)), io);
    expect(code).toBe(0);
    expect(io.stdout).toHaveLength(1);
    const out = JSON.parse(io.stdout[0] ?? '') as { batch: { id: string } };
    expect(out).toEqual({
      file: FIXTURE_FILES.multiVillage,
      kind: 'cases',
      rows: 9,
      accepted: { rows: 9, households: 5, persons: 9, records: 5 },
      rejected: [],
      written: true,
      batch: { id: out.batch.id, no: 1 },
    });
    expect(out.batch.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(io.stderr.join('\n')).toContain('已导入：新增 9 人、5 户、5 件救助');
    expect(io.stderr.join('\n')).toContain('导入批次 1 待审核人确认');
  });

  it('lists every rejected row with sheet, row, column and message, and says nothing was written', async () => {
    const io = split();
    const code = await main(args(join(fixtures, FIXTURE_FILES.messy)), io);
    expect(code).toBe(3);
    const out = JSON.parse(io.stdout[0] ?? '') as {
      written: boolean;
      rejected: { sheet: string; row: number | null; column: string | null; message: string }[];
    };
    expect(out.written).toBe(false);
    expect(out.rejected.length).toBeGreaterThan(0);
    for (const r of out.rejected) expect(Object.keys(r).sort()).toEqual(['column', 'message', 'row', 'sheet']);
    expect(counts()).toEqual([0, 0, 0]);
  });

  it('an unreadable file is still one JSON object, with the reason', async () => {
    const io = split();
    const code = await main(args(join(dir, '不存在.xlsx')), io);
    expect(code).toBe(2);
    const out = JSON.parse(io.stdout[0] ?? '') as { written: boolean; rejected: { message: string }[] };
    expect(out.written).toBe(false);
    expect(out.rejected[0]?.message).toMatch(/^无法读取文件“.*不存在\.xlsx”：文件不存在$/);
  });
});
