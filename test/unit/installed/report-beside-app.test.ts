// `civil-ledger report` while the app holds the ledger (issue 24): without --final it builds from one consistent
// snapshot and changes nothing but the journal entry for the copy; --final needs a named reviewer and a free ledger.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/main/cli/command';
import { main } from '../../../src/main/cli/index';
import { makeTestCore, PASSWORD, type TestCore } from '../../helpers/ledger';

let t: TestCore;
let out: string;
const MONTH = '2026-10';

function capture(): CliIO & { text: () => string } {
  const lines: string[] = [];
  return {
    out: (x) => void lines.push(x),
    err: (x) => void lines.push(x),
    askSecret: async () => null,
    text: () => lines.join('\n'),
  };
}
const count = (sql: string) => (t.core.ledger.raw.prepare(sql).get() as { n: number }).n;

beforeAll(async () => {
  t = await makeTestCore();
  out = mkdtempSync(join(tmpdir(), 'civil-ledger-report-out-'));
});
afterAll(async () => {
  delete process.env.CIVIL_LEDGER_PASSWORD;
  await t.close().catch(() => undefined);
  rmSync(out, { recursive: true, force: true });
});

describe('while the app holds the ledger', () => {
  it('report (no --final) builds from a snapshot, writes the files, and journals the copy in the live ledger', async () => {
    const packagesBefore = count('SELECT count(*) AS n FROM report_packages');
    const io = capture();
    const code = await main(['report', '--db', t.dbPath, '--month', MONTH, '--out', join(out, 'a')], io);
    expect(io.text()).toMatch(/台账正在软件中使用：已从此刻台账的一致快照生成报表包/);
    expect(code).toBe(0);
    const files = readdirSync(join(out, 'a'));
    expect(files.filter((f) => f.endsWith('.xlsx'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.zip'))).toHaveLength(1);
    // The live ledger: no package row added (it was built in the snapshot), one journal entry for the copy.
    expect(count('SELECT count(*) AS n FROM report_packages')).toBe(packagesBefore);
    const j = t.core.ledger.raw
      .prepare("SELECT after FROM journal WHERE action = 'report.copy' ORDER BY seq DESC LIMIT 1")
      .get() as { after: string };
    expect(JSON.parse(j.after)).toMatchObject({ month: MONTH, fromSnapshot: true, to: join(out, 'a') });
  });

  it('compare (no --record) runs on a snapshot, prints the hits and keeps nothing in the ledger', async () => {
    process.env.CIVIL_LEDGER_PASSWORD = PASSWORD;
    const list = join(out, '死亡名单.csv');
    writeFileSync(list, '\uFEFF姓名,身份证号码\n某甲,11010519491231002X\n某乙,440524188001010014\n', 'utf8');
    const runsBefore = count('SELECT count(*) AS n FROM compare_batches');
    const io = capture();
    const code = await main(
      ['compare', '--db', t.dbPath, '--list', 'deaths', '--file', list, '--user', 'clerk', '--json'],
      io,
    );
    expect(io.text()).toMatch(/已在此刻台账的一致快照上比对，结果只打印，未生成待核查事项/);
    expect(code).toBe(0);
    const json = JSON.parse(
      io
        .text()
        .split('\n')
        .find((l) => l.startsWith('{'))!,
    ) as { rows: number; notOnLedger: number };
    expect(json).toMatchObject({ rows: 2, notOnLedger: 2 });
    expect(count('SELECT count(*) AS n FROM compare_batches')).toBe(runsBefore);
  });

  it('report --final without --user is refused: a month is made final by a named reviewer', async () => {
    const io = capture();
    expect(await main(['report', '--db', t.dbPath, '--month', MONTH, '--out', out, '--final'], io)).toBe(2);
    expect(io.text()).toMatch(/定稿须由审核人执行：请用 --user 给出审核人的登录名/);
  });

  it('report --final while the app is open is refused with the reason', async () => {
    process.env.CIVIL_LEDGER_PASSWORD = PASSWORD;
    const io = capture();
    const code = await main(
      ['report', '--db', t.dbPath, '--month', MONTH, '--out', out, '--final', '--user', 'reviewer'],
      io,
    );
    expect(code).toBe(1);
    expect(io.text()).toMatch(/定稿会修改台账：请在软件中定稿，或先关闭软件再运行 report --final/);
    expect(count("SELECT count(*) AS n FROM report_periods WHERE status = 'final'")).toBe(0);
  });
});

describe('with the app closed', () => {
  it('a clerk cannot make a month final; the reviewer can, and the journal names the reviewer', async () => {
    await t.core.close();
    process.env.CIVIL_LEDGER_PASSWORD = PASSWORD;
    const clerkIo = capture();
    expect(
      await main(
        ['report', '--db', t.dbPath, '--month', MONTH, '--out', join(out, 'c'), '--final', '--user', 'clerk'],
        clerkIo,
      ),
    ).toBe(1);
    expect(clerkIo.text()).toMatch(/是经办人：定稿须由审核人或管理员执行/);
    const io = capture();
    const code = await main(
      ['report', '--db', t.dbPath, '--month', MONTH, '--out', join(out, 'r'), '--final', '--user', 'reviewer'],
      io,
    );
    expect(io.text()).toMatch(/已由 李审核 定稿/);
    expect(code).toBe(0);
    expect(existsSync(join(out, 'r'))).toBe(true);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(t.dbPath, { readonly: true });
    try {
      const fin = db
        .prepare("SELECT actor_name FROM journal WHERE action LIKE 'report%final%' ORDER BY seq DESC LIMIT 1")
        .get() as { actor_name: string } | undefined;
      expect(fin?.actor_name).toBe('李审核');
    } finally {
      db.close();
    }
  });
});
