// The command line of issue 15: village copy, exchange export, exchange import --json (the exact shape), and a
// refused file leaving the office file byte-identical.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { main } from '../../../src/main/cli/index';
import type { CliIO } from '../../../src/main/cli/command';
import { startCore } from '../../../src/main/core';
import { login, makeTestCore, PASSWORD, type TestCore } from '../../helpers/ledger';
import { idFor } from '../cases/fixtures';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
  process.env.CIVIL_LEDGER_PASSWORD = PASSWORD;
  process.env.CIVIL_LEDGER_COPY_PASSWORD = 'village-pass-1';
});
afterEach(() => {
  delete process.env.CIVIL_LEDGER_PASSWORD;
  delete process.env.CIVIL_LEDGER_COPY_PASSWORD;
  rmSync(t.dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (x) => out.push(x), err: (x) => err.push(x), askSecret: async () => null };
  const code = await main(argv, io);
  return { code, out, err };
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

test('village copy, a change in the copy, export, import --json; a tampered file refused, office unchanged', async () => {
  const villages = await t.admin.call('villages.list', {});
  const v1 = villages[0]!;
  const hh = await t.clerk.call('households.create', {
    villageId: v1.id,
    hukouType: 'rural',
    annualIncomeFen: 1_000_000,
    members: [{ name: '孙一', idNumber: idFor('1961-01-01', 'M'), relation: '户主' }],
  });
  await t.core.close();
  const copyPath = join(t.dir, 'copy.ledger');
  const made = await run(
    'village',
    'copy',
    '--db',
    t.dbPath,
    '--village',
    v1.code ?? v1.name,
    '--out',
    copyPath,
    '--user',
    'admin',
  );
  expect(made.err.join('\n')).toBe('');
  expect(made.code).toBe(0);
  expect(made.out.join('\n')).toContain(`村（社区）：${v1.name}`);

  const copy = await startCore({ dbPath: copyPath });
  const village = await login(copy, 'xieli', 'village-pass-1');
  await village.call('households.update', {
    id: hh.household.id,
    version: hh.household.version,
    villageId: v1.id,
    hukouType: 'rural',
    address: '村里补录的地址',
    annualIncomeFen: 1_000_000,
  });
  await copy.close();
  const file = join(t.dir, 'changes-1.json');
  const exported = await run('exchange', 'export', '--db', copyPath, '--out', file);
  expect(exported.code).toBe(0);
  expect(exported.out[0]).toContain('第 1 号变更文件');

  const tampered = join(t.dir, 'tampered.json');
  writeFileSync(tampered, readFileSync(file, 'utf8').replace('村里补录的地址', '村里补录的地点'));
  const before = sha(t.dbPath);
  const bad = await run('exchange', 'import', '--db', t.dbPath, '--file', tampered, '--user', 'clerk', '--json');
  expect(bad.code).toBe(2);
  expect(bad.err.join('\n')).toContain('签名不符');
  expect(JSON.parse(bad.out[0]!)).toEqual({
    copy: expect.any(String),
    sequence: [1, 1],
    applied: 0,
    alreadyApplied: 0,
    conflicts: 0,
    refused: 1,
  });
  expect(sha(t.dbPath)).toBe(before);

  const good = await run('exchange', 'import', '--db', t.dbPath, '--file', file, '--user', 'clerk', '--json');
  expect(good.code).toBe(0);
  const summary = JSON.parse(good.out[0]!) as Record<string, unknown>;
  expect(Object.keys(summary)).toEqual(['copy', 'sequence', 'applied', 'alreadyApplied', 'conflicts', 'refused']);
  expect(summary).toMatchObject({ sequence: [1, 1], applied: 1, alreadyApplied: 0, conflicts: 0, refused: 0 });
  const again = await run('exchange', 'import', '--db', t.dbPath, '--file', file, '--user', 'clerk', '--json');
  expect(JSON.parse(again.out[0]!)).toMatchObject({ applied: 0, alreadyApplied: 1 });

  const ackFile = join(t.dir, 'ack.json');
  const copyId = JSON.parse(good.out[0]!).copy as string;
  expect((await run('exchange', 'export', '--db', t.dbPath, '--for', copyId, '--out', ackFile)).code).toBe(0);
  process.env.CIVIL_LEDGER_PASSWORD = 'village-pass-1';
  const acked = await run('exchange', 'import', '--db', copyPath, '--file', ackFile, '--user', 'xieli');
  expect(acked.err.join('\n')).toBe('');
  expect(acked.out[0]).toContain('已导入第 1 号回传文件：办公室已处理到第 1 号变更文件，确认 1 项变更');
  const repeat = await run('exchange', 'import', '--db', copyPath, '--file', ackFile, '--user', 'xieli');
  expect(repeat.out[0]).toBe('第 1 号回传文件已经导入过：未作任何改动');
  const none = await run('exchange', 'export', '--db', copyPath, '--out', join(t.dir, 'changes-2.json'));
  expect(none.code).toBe(2);
  expect(none.err.join('\n')).toContain('没有未发送的变更');

  const office = await startCore({ dbPath: t.dbPath });
  try {
    const row = await office.ledger.db
      .selectFrom('households')
      .select('address')
      .where('id', '=', hh.household.id)
      .executeTakeFirstOrThrow();
    expect(row.address).toBe('村里补录的地址');
  } finally {
    await office.close();
  }
});
