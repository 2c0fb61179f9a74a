// The civil-ledger command: init on a real township code, check, and the exit codes 0 / 1 / 2.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { main } from '../../../src/main/cli/index';
import type { CliIO } from '../../../src/main/cli/command';
import { ensureDivisions } from '../../helpers/divisions';

let dir: string;
beforeAll(() => {
  ensureDivisions();
  dir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): CliIO & { text: () => string } {
  const lines: string[] = [];
  return {
    out: (t) => lines.push(t),
    err: (t) => lines.push(t),
    askSecret: async () => null,
    text: () => lines.join('\n'),
  };
}

test('init creates a ledger for 海陵区 城东街道 with its 22 villages; check then passes (exit 0)', async () => {
  const db = join(dir, 'chengdong.ledger');
  const io = capture();
  expect(await main(['init', '--db', db, '--township', '321202001', '--admin-password', 'admin-pass-1'], io)).toBe(0);
  expect(io.text()).toContain('街道/乡镇：江苏省 / 泰州市 / 海陵区 / 城东街道');
  expect(io.text()).toContain('村(社区)：22 个');
  const io2 = capture();
  expect(await main(['check', '--db', db], io2)).toBe(0);
  expect(io2.text()).toContain('✓ 数据库完整性：正常');
  expect(io2.text()).toMatch(/✓ 操作日志链：操作日志完整（\d+ 条）/);
});

test('every street of 海陵区 can be set up from its real code', async () => {
  for (const code of ['321202002', '321202003']) {
    const io = capture();
    expect(
      await main(
        ['init', '--db', join(dir, `${code}.ledger`), '--township', code, '--admin-password', 'admin-pass-1'],
        io,
      ),
    ).toBe(0);
    expect(io.text()).toContain('海陵区');
  }
});

test('bad usage and bad input exit 2 with a Chinese message', async () => {
  const io = capture();
  expect(await main(['init', '--db', join(dir, 'x.ledger'), '--township', '32120200'], io)).toBe(2);
  expect(io.text()).toContain('街道/乡镇代码应为 9 位数字，收到“32120200”');
  const io2 = capture();
  expect(
    await main(
      ['init', '--db', join(dir, 'y.ledger'), '--township', '999999999', '--admin-password', 'admin-pass-1'],
      io2,
    ),
  ).toBe(2);
  expect(io2.text()).toContain('未找到街道/乡镇代码 999999999');
  expect(existsSync(join(dir, 'y.ledger'))).toBe(false);
  const io3 = capture();
  expect(await main(['init', '--db', join(dir, 'z.ledger'), '--township', '321202001'], io3)).toBe(2);
  expect(io3.text()).toContain('没有终端可输入密码');
  const io4 = capture();
  expect(await main(['frobnicate'], io4)).toBe(2);
  expect(io4.text()).toContain('未知命令“frobnicate”');
});

test('check refuses a file that is not a ledger (exit 2) and fails a damaged journal (exit 1)', async () => {
  const foreign = join(dir, 'foreign.sqlite');
  const f = new Database(foreign);
  f.exec('CREATE TABLE t(x)');
  f.close();
  const io = capture();
  expect(await main(['check', '--db', foreign], io)).toBe(2);
  expect(io.text()).toContain('不是本软件的台账');

  const db = join(dir, 'tampered.ledger');
  expect(
    await main(['init', '--db', db, '--township', '321202001', '--admin-password', 'admin-pass-1'], capture()),
  ).toBe(0);
  const raw = new Database(db);
  raw.exec('DROP TRIGGER journal_no_update');
  raw.prepare("UPDATE journal SET actor_name = '他人' WHERE seq = 1").run();
  raw.close();
  const io2 = capture();
  expect(await main(['check', '--db', db], io2)).toBe(1);
  expect(io2.text()).toContain('✗ 操作日志链：操作日志第 1 条的内容与其校验值不符');
});

// Two real processes that load the command line from source (tsx): about 4 s on a quiet machine, up to 20 s on a
// loaded one, so this test gets more than the default 30 s.
test('the installed bin runs as a real process', { timeout: 120_000 }, () => {
  const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'civil-ledger.js');
  const db = join(dir, 'bin.ledger');
  const out = execFileSync(
    process.execPath,
    [bin, 'init', '--db', db, '--township', '321202001', '--admin-password', 'admin-pass-1'],
    {
      encoding: 'utf8',
    },
  );
  expect(out).toContain('已创建台账');
  const r = spawnSync(process.execPath, [bin, 'check', '--db', join(dir, 'nope.ledger')], { encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('不存在或为空');
  writeFileSync(join(dir, 'empty.txt'), 'hello');
});
