// Issue 15: revoking (停用) a village copy — an administrator's journalled write with a reason, on the screen's method
// and on the command line; files from a revoked copy are refused with a clear message, the office unchanged.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CliIO } from '../../../src/main/cli/command';
import { main } from '../../../src/main/cli/index';
import { PASSWORD } from '../../helpers/ledger';
import { hhUpdate, makeWorld, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await makeWorld();
});
afterEach(async () => {
  await w.close();
});

it('an administrator revokes a copy with a reason; its change files are then refused, the office unchanged', async () => {
  const one = await w.makeCopy(w.c.villageId, 'xieli');
  await one.village.call('households.update', hhUpdate(w.c.villageId, w.a1, { address: '丢失前的修改' }));
  const file = await one.export();
  const [listed] = await w.c.t.admin.call('village.copies', {});
  expect(listed).toMatchObject({ id: one.id, status: 'active', revokedAt: null });

  // Only an administrator; a reason is required.
  const byReviewer = await w.c.t.reviewer.try('village.revokeCopy', {
    copyId: one.id,
    version: listed!.version,
    reason: '笔记本丢失',
  });
  expect(byReviewer.ok).toBe(false);
  const noReason = await w.c.t.admin.try('village.revokeCopy', {
    copyId: one.id,
    version: listed!.version,
    reason: '',
  });
  expect(noReason.ok ? null : Object.keys(noReason.error.fields ?? {})).toEqual(['reason']);

  const revoked = await w.c.t.admin.call('village.revokeCopy', {
    copyId: one.id,
    version: listed!.version,
    reason: '笔记本丢失',
  });
  expect(revoked).toMatchObject({ status: 'revoked', revokeReason: '笔记本丢失', revokedBy: expect.any(String) });
  const [after] = await w.c.t.admin.call('village.copies', {});
  expect(after).toMatchObject({ status: 'revoked', revokeReason: '笔记本丢失' });
  const entry = w.c.t.core.ledger.raw
    .prepare(`SELECT reason, after FROM journal WHERE action = 'village.revoke' AND entity_id = ?`)
    .get(one.id) as { reason: string; after: string };
  expect(entry.reason).toBe('笔记本丢失');
  expect(JSON.parse(entry.after)).toMatchObject({ status: 'revoked' });

  const before = w.officeHash();
  const refused = await w.c.t.reviewer.try('village.import', { text: file });
  expect(refused.ok ? '' : refused.error.message).toMatch(
    /^该村级副本已于 \d{4}-\d{2}-\d{2} 由.+停用（原因：笔记本丢失）：不再接受它的变更文件。未导入任何内容$/,
  );
  expect(w.officeHash()).toBe(before);
  const noReturn = await w.c.t.reviewer.try('village.exportReturn', { copyId: one.id });
  expect(noReturn.ok ? '' : noReturn.error.message).toContain('不再给它写回传文件');
  const twice = await w.c.t.admin.try('village.revokeCopy', {
    copyId: one.id,
    version: after!.version,
    reason: '再停用一次',
  });
  expect(twice.ok ? '' : twice.error.message).toBe('该村级副本已经停用');
});

it('civil-ledger village revoke: the same from the command line, then the copy’s file is refused there too', async () => {
  const one = await w.makeCopy(w.c.villageId, 'xieli');
  await one.village.call('households.update', hhUpdate(w.c.villageId, w.a1, { address: '村里改' }));
  const file = join(w.c.t.dir, 'changes.json');
  writeFileSync(file, await one.export());
  await w.c.t.core.close(); // the command line opens the office ledger itself
  process.env.CIVIL_LEDGER_PASSWORD = PASSWORD;
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (x) => out.push(x), err: (x) => err.push(x), askSecret: async () => null };
  try {
    const db = w.c.t.dbPath;
    const code = await main(
      ['village', 'revoke', '--db', db, '--copy', one.id, '--reason', '协理员离任', '--user', 'admin'],
      io,
    );
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    expect(out[0]).toContain(`已停用村级副本 ${one.id}`);
    const code2 = await main(['exchange', 'import', '--db', db, '--file', file, '--user', 'admin'], io);
    expect(code2).toBe(2);
    expect(err.join('\n')).toContain('停用（原因：协理员离任）：不再接受它的变更文件');
  } finally {
    delete process.env.CIVIL_LEDGER_PASSWORD;
  }
});
