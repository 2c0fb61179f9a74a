// Issue 15: a village copy holds only its village; its changes travel in signed, numbered files and are applied at
// the office through the handlers — never twice, never over an office edit, never from a gapped or tampered file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../../src/main/api/handlers';
import { startCore, type Core } from '../../../src/main/core';
import { exportChanges, importChangeFile, makeVillageCopy, readAck, writeAck } from '../../../src/main/ledger/village';
import type { Actor } from '../../../src/main/ledger/kernel';
import { login, PASSWORD, type Caller } from '../../helpers/ledger';
import { household, member, setup, type Ctx } from '../cases/fixtures';

let c: Ctx;
let copyCore: Core | null = null;

beforeEach(async () => {
  c = await setup('2025-03-03');
});
afterEach(async () => {
  await copyCore?.close();
  copyCore = null;
  await c.t.close();
});

async function adminActor(): Promise<Actor> {
  const u = await c.t.core.ledger.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  return { id: u.id, username: u.username, name: u.display_name, role: u.role };
}

function officeFileHash(): string {
  c.t.core.ledger.raw.pragma('wal_checkpoint(TRUNCATE)');
  return createHash('sha256').update(readFileSync(c.t.dbPath)).digest('hex');
}

async function importText(text: string) {
  return importChangeFile({
    office: c.t.core.ledger,
    host: { sessions: c.t.core.sessions, dataDir: c.t.core.dataDir, resourcesDir: c.t.core.resourcesDir },
    actor: await adminActor(),
    text,
    handlers,
    now: c.clock.now,
  });
}

async function importError(text: string): Promise<string> {
  try {
    await importText(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('import was expected to be refused');
}

interface World {
  a1: Awaited<ReturnType<typeof household>>;
  a2: Awaited<ReturnType<typeof household>>;
  b1: Awaited<ReturnType<typeof household>>;
  village: Caller;
  copyPath: string;
  export(): Promise<string>;
}

async function world(): Promise<World> {
  const a1 = await household(c, [member('周一', '1960-01-01', 'M', '户主')]);
  const a2 = await household(c, [member('周二', '1962-02-02', 'F', '户主')]);
  const b1 = await household(c, [member('吴三', '1970-03-03', 'M', '户主')], 1_200_000, c.village2Id);
  const villages = await c.t.admin.call('villages.list', {});
  const v1 = villages.find((v) => v.id === c.villageId)!;
  const copyPath = join(c.t.dir, 'village.ledger');
  const made = await makeVillageCopy({
    office: c.t.core.ledger,
    source: { path: c.t.dbPath },
    villages: [v1.name],
    out: copyPath,
    admin: { id: null, name: '王管理' },
    login: { username: 'xieli', displayName: '村协理员', password: PASSWORD },
    now: c.clock.now,
  });
  expect(made.villageIds).toEqual([c.villageId]);
  copyCore = await startCore({ dbPath: copyPath, now: c.clock.now });
  const village = await login(copyCore, 'xieli');
  const core = copyCore;
  return {
    a1,
    a2,
    b1,
    village,
    copyPath,
    export: async () => (await exportChanges(core.ledger, { id: null, name: '村协理员' }, c.clock.now)).text,
  };
}

function hhUpdate(h: { household: { id: string; version: number } }, address: string) {
  return {
    id: h.household.id,
    version: h.household.version,
    villageId: c.villageId,
    hukouType: 'rural' as const,
    address,
    annualIncomeFen: 1_200_000,
  };
}

describe('village copy', () => {
  it('holds only its village: other villages, users and the office journal are gone from the file', async () => {
    const w = await world();
    const raw = new Database(w.copyPath, { readonly: true });
    try {
      const count = (t: string) => raw.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
      expect(count('villages')).toBe(1);
      expect(count('households')).toBe(2);
      expect(count('people')).toBe(2);
      expect(raw.prepare(`SELECT count(*) FROM households WHERE village_id <> ?`).pluck().get(c.villageId)).toBe(0);
      expect(raw.prepare(`SELECT username FROM users`).pluck().all()).toEqual(['xieli']);
      // A fresh journal: the copy's making, its login (and the login's sessions), nothing of the office's history.
      const actions = raw.prepare(`SELECT action FROM journal ORDER BY seq`).pluck().all() as string[];
      expect(actions.slice(0, 2)).toEqual(['village.copy.made', 'user.create']);
      expect(
        actions.filter((a) => !a.startsWith('auth.') && !a.startsWith('user.') && !a.startsWith('village.')),
      ).toEqual([]);
      expect(count('village_copies')).toBe(0);
    } finally {
      raw.close();
    }
    await copyCore!.close();
    copyCore = null;
    // Not even in free pages: the other village's name and ID number are nowhere in the file.
    const bytes = readFileSync(w.copyPath);
    const other = await c.t.admin.call('households.get', { id: w.b1.household.id });
    expect(bytes.includes(Buffer.from('吴三'))).toBe(false);
    expect(bytes.includes(Buffer.from(other.members[0]!.name))).toBe(false);
    expect(bytes.includes(Buffer.from('张经办'))).toBe(false);
    // The office registered the copy with its public key.
    const reg = c.t.core.ledger.raw.prepare(`SELECT villages, public_key FROM village_copies`).all() as {
      villages: string;
      public_key: string;
    }[];
    expect(reg).toHaveLength(1);
    expect(JSON.parse(reg[0]!.villages)).toEqual([c.villageId]);
    expect(reg[0]!.public_key).toContain('BEGIN PUBLIC KEY');
  });

  it('refuses what a copy may not do (初审, approve, users), and records nothing for it', async () => {
    const w = await world();
    const k = await w.village.call('cases.create', {
      householdId: w.a1.household.id,
      category: 'dibao',
      appliedOn: '2025-03-03',
    });
    // A clerk may give the 初审 opinion at the office; not in a copy.
    const pre = await w.village.try('cases.preliminary', {
      id: k.id,
      version: k.version,
      onDate: '2025-03-03',
      opinion: 'agree',
    });
    expect(pre.ok).toBe(false);
    if (!pre.ok) expect(pre.error.message).toBe('这是村级副本：此操作只能在乡镇（街道）办公室的台账中进行');
    const approve = await w.village.try('cases.approve', { id: k.id, version: k.version } as never);
    expect(approve.ok).toBe(false);
    const users = await w.village.try('users.create', {
      username: 'x1',
      displayName: '某',
      role: 'clerk',
      password: PASSWORD,
    });
    expect(users.ok).toBe(false);
    const outbox = copyCore!.ledger.raw.prepare(`SELECT method FROM village_outbox ORDER BY seq`).pluck().all();
    expect(outbox).toEqual(['cases.create']);
  });
});

describe('change files', () => {
  it('applies a copy change at the office with the journal; a file imported twice changes nothing', async () => {
    const w = await world();
    await w.village.call('households.update', hhUpdate(w.a1, '城东街道幸福路8号'));
    const created = await w.village.call('households.create', {
      villageId: c.villageId,
      hukouType: 'rural',
      address: '城东街道新村1号',
      annualIncomeFen: 600_000,
      members: [member('郑新', '1958-05-05', 'F', '户主')],
    });
    // A later change names the copy's id of the new household: the office rewrites it to its own.
    await w.village.call('cases.create', {
      householdId: created.household.id,
      category: 'dibao',
      appliedOn: '2025-03-03',
    });
    const text = await w.export();

    const r = await importText(text);
    expect({
      applied: r.applied,
      alreadyApplied: r.alreadyApplied,
      conflicts: r.conflicts,
      refused: r.refused,
    }).toEqual({
      applied: 3,
      alreadyApplied: 0,
      conflicts: 0,
      refused: 0,
    });
    expect(r.sequence).toEqual([1, 3]);
    const a1 = await c.t.clerk.call('households.get', { id: w.a1.household.id });
    expect(a1.household.address).toBe('城东街道幸福路8号');
    const found = await c.t.clerk.call('households.list', { q: '郑新' });
    expect(found.rows).toHaveLength(1);
    const newHh = await c.t.clerk.call('households.get', { id: found.rows[0]!.id });
    expect(newHh.household.id).not.toBe(created.household.id);
    expect(newHh.cases).toHaveLength(1);
    const journalled = c.t.core.ledger.raw
      .prepare(`SELECT count(*) FROM journal WHERE actor_name LIKE '%导入村级副本：村协理员%'`)
      .pluck()
      .get() as number;
    expect(journalled).toBeGreaterThanOrEqual(3);

    const before = officeFileHash();
    const again = await importText(text);
    expect(again.alreadyImported).toBe(true);
    expect(again.applied).toBe(0);
    expect(officeFileHash()).toBe(before);
  });

  it('refuses a file after a lost one (naming it) and a tampered file, the office file byte-identical', async () => {
    const w = await world();
    await w.village.call('households.update', hhUpdate(w.a1, '城东街道幸福路2号'));
    const file1 = await w.export();
    const a1 = await w.village.call('households.get', { id: w.a1.household.id });
    await w.village.call('households.update', hhUpdate(a1, '城东街道幸福路3号'));
    const file2 = await w.export();
    const before = officeFileHash();

    expect(await importError(file2)).toContain('缺少第 1 号变更文件');
    const tampered = file1.replace('幸福路2号', '幸福路9号');
    expect(tampered).not.toBe(file1);
    expect(await importError(tampered)).toContain('签名不符');
    const oneByte = Buffer.from(file1);
    const at = oneByte.indexOf(Buffer.from('"fileSeq": 1'));
    oneByte[at + 11] = '2'.charCodeAt(0);
    expect(await importError(oneByte.toString())).toContain('签名不符');
    const newer = JSON.parse(file1) as { formatVersion: number };
    newer.formatVersion = 4;
    expect(await importError(JSON.stringify(newer))).toContain('更新版本的软件');
    const other = JSON.parse(file1) as { header: { township: string } };
    other.header.township = '321202002';
    expect(await importError(JSON.stringify(other))).toContain('另一个乡镇');
    expect(officeFileHash()).toBe(before);
    expect((await c.t.clerk.call('households.get', { id: w.a1.household.id })).household.address).toBe(
      '城东街道幸福路1号',
    );

    // In order they go in; the second file repeats the first's change (not yet acknowledged) and it is skipped.
    expect((await importText(file1)).applied).toBe(1);
    const r2 = await importText(file2);
    expect([r2.applied, r2.alreadyApplied]).toEqual([1, 1]);
    expect((await c.t.clerk.call('households.get', { id: w.a1.household.id })).household.address).toBe(
      '城东街道幸福路3号',
    );
    // An older file after a newer one: already imported, nothing changes.
    const after = officeFileHash();
    expect((await importText(file1)).alreadyImported).toBe(true);
    expect(officeFileHash()).toBe(after);

    // The acknowledgement goes back: the copy marks its changes and stops re-sending them.
    const copyId = (JSON.parse(file1) as { header: { copyId: string } }).header.copyId;
    const ack = await writeAck(c.t.core.ledger, copyId, c.clock.now);
    const marked = await readAck(copyCore!.ledger, ack, { id: null, name: '村协理员' }, c.clock.now);
    expect(marked).toEqual({ acknowledged: 2, upToFileSeq: 2 });
    await expect(exportChanges(copyCore!.ledger, { id: null, name: '村协理员' })).rejects.toThrow('没有未发送的变更');
    const files = copyCore!.ledger.raw.prepare(`SELECT file_seq, content FROM village_files ORDER BY file_seq`).all();
    expect(files).toEqual([
      { file_seq: 1, content: '' },
      { file_seq: 2, content: '' },
    ]);
    const a1now = await w.village.call('households.get', { id: w.a1.household.id });
    await w.village.call('households.update', hhUpdate(a1now, '城东街道幸福路4号'));
    const file3 = JSON.parse(await w.export()) as { header: { fileSeq: number; changeRange: number[] } };
    expect([file3.header.fileSeq, file3.header.changeRange]).toEqual([3, [3, 3]]);
  });

  it('queues a conflict when the office edited the same household, keeping the office value', async () => {
    const w = await world();
    await c.t.clerk.call('households.update', hhUpdate(w.a2, '办公室改的地址'));
    await w.village.call('households.update', hhUpdate(w.a2, '村里改的地址'));
    const r = await importText(await w.export());
    // The same field changed on both sides: the office's value stays, that field waits (nothing else changed).
    expect([r.applied, r.conflicts, r.partial]).toEqual([1, 1, 1]);
    expect((await c.t.clerk.call('households.get', { id: w.a2.household.id })).household.address).toBe(
      '办公室改的地址',
    );
    const q = c.t.core.ledger.raw.prepare(`SELECT * FROM village_queue`).all() as Record<string, string>[];
    expect(q).toHaveLength(1);
    expect(q[0]!.kind).toBe('fields');
    expect(q[0]!.entity_id).toBe(w.a2.household.id);
    expect(q[0]!.village_values).toContain('村里改的地址');
    expect(q[0]!.office_values).toContain('办公室改的地址');
    expect(q[0]!.office_changed_by).toBe('张经办');
    // The office reads the queue and its copies through the API.
    const queue = await c.t.clerk.call('village.queue', {});
    expect(queue.map((x) => [x.kind, x.entityId, x.officeChangedBy])).toEqual([
      ['fields', w.a2.household.id, '张经办'],
    ]);
    expect(JSON.stringify(queue[0]!.villageValues)).toContain('村里改的地址');
    const copies = await c.t.admin.call('village.copies', {});
    expect(copies.map((x) => [x.villageIds, x.lastFileSeq, x.openQueue])).toEqual([[[c.villageId], 1, 1]]);
    expect((await c.t.clerk.try('village.copies', {})).ok).toBe(false);
  });

  it('shows a person registered at the office and in the copy as a possible duplicate, never merged', async () => {
    const w = await world();
    const m = member('钱同', '1955-06-06', 'M', '户主');
    await household(c, [m], 1_000_000, c.village2Id);
    await w.village.call('households.create', {
      villageId: c.villageId,
      hukouType: 'rural',
      annualIncomeFen: 500_000,
      members: [m],
    });
    const r = await importText(await w.export());
    expect([r.applied, r.conflicts]).toEqual([0, 1]);
    const q = c.t.core.ledger.raw.prepare(`SELECT kind FROM village_queue`).pluck().all();
    expect(q).toEqual(['duplicate']);
    const people = c.t.core.ledger.raw.prepare(`SELECT count(*) FROM people WHERE name = '钱同'`).pluck().get();
    expect(people).toBe(1);
  });
});
