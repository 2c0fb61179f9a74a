// Issue 15: field-level comparison with the base version, the review queue and its three resolutions, two copies and
// the office editing the same household, and the round trip after which copies and office agree record by record.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hhUpdate, makeWorld, member, recordsAtOffice, recordsOfCopy, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await makeWorld();
});
afterEach(async () => {
  await w.close();
});

const office = () => w.c.t.clerk;
const get = (id: string) => office().call('households.get', { id });

describe('field-level comparison with the base version', () => {
  it('unchanged at the office: applied as sent', async () => {
    const copy = await w.makeCopy(w.c.villageId, 'xieli');
    await copy.village.call('households.update', hhUpdate(w.c.villageId, w.a1, { address: '幸福路2号' }));
    const r = await w.importAtOffice(await copy.export());
    expect([r.applied, r.parallel, r.partial, r.conflicts]).toEqual([1, 0, 0, 0]);
    expect((await get(w.a1.household.id)).household.address).toBe('幸福路2号');
  });

  it('changed at the office in other fields: applied, the office field kept, flagged as a parallel update', async () => {
    const copy = await w.makeCopy(w.c.villageId, 'xieli');
    await office().call('households.update', hhUpdate(w.c.villageId, w.a1, { phone: '13800000001' }));
    // The village saw the old phone and changed only the address (its input still carries the old phone).
    await copy.village.call('households.update', hhUpdate(w.c.villageId, w.a1, { address: '幸福路3号' }));
    const r = await w.importAtOffice(await copy.export());
    expect([r.applied, r.parallel, r.partial, r.conflicts]).toEqual([1, 1, 0, 0]);
    expect(r.notes.map((n) => n.message)).toEqual(['已应用；办公室同时修改了该记录的其他字段（并行修改）']);
    const now = (await get(w.a1.household.id)).household;
    expect([now.address, now.phone]).toEqual(['幸福路3号', '13800000001']);
    expect(await office().call('village.queue', {})).toEqual([]);
  });

  it('changed in the same field: the office value stays, that field waits, the other fields are applied', async () => {
    const copy = await w.makeCopy(w.c.villageId, 'xieli');
    await office().call('households.update', hhUpdate(w.c.villageId, w.a1, { address: '办公室地址' }));
    await copy.village.call(
      'households.update',
      hhUpdate(w.c.villageId, w.a1, { address: '村里地址', annualIncomeFen: 900_000 }),
    );
    const r = await w.importAtOffice(await copy.export());
    expect([r.applied, r.parallel, r.partial, r.conflicts]).toEqual([1, 0, 1, 1]);
    const now = (await get(w.a1.household.id)).household;
    expect([now.address, now.annualIncomeFen]).toEqual(['办公室地址', 900_000]);
    const [q] = await office().call('village.queue', {});
    expect(q!.kind).toBe('fields');
    expect(q!.recordName).toBe('周一户');
    expect(q!.methodLabel).toBe('修改家庭户信息');
    expect(q!.villageAuthor).toBe('协理员xieli（xieli）');
    expect(q!.officeChangedBy).toBe('张经办');
    expect(q!.fields).toEqual([
      {
        column: 'address',
        label: '地址',
        base: '城东街道幸福路1号',
        office: '办公室地址',
        current: '办公室地址',
        village: '村里地址',
      },
    ]);
  });
});

describe('review queue', () => {
  async function conflicted() {
    const copy = await w.makeCopy(w.c.villageId, 'xieli');
    await office().call('households.update', hhUpdate(w.c.villageId, w.a1, { address: '办公室地址' }));
    await copy.village.call('households.update', hhUpdate(w.c.villageId, w.a1, { address: '村里地址' }));
    await w.importAtOffice(await copy.export());
    const [q] = await office().call('village.queue', {});
    return { copy, q: q! };
  }

  it('take the village’s value: applied through the handler, journalled by the reviewer, the queue emptied', async () => {
    const { q } = await conflicted();
    // A clerk may read the queue but not resolve it.
    const byClerk = await office().try('village.resolve', { id: q.id, version: q.version, choice: 'village' });
    expect(byClerk.ok).toBe(false);
    const done = await w.c.t.reviewer.call('village.resolve', { id: q.id, version: q.version, choice: 'village' });
    expect([done.status, done.resolution, done.resolvedBy]).toEqual(['resolved', 'village', '李审核']);
    expect((await get(w.a1.household.id)).household.address).toBe('村里地址');
    expect(await office().call('village.queue', {})).toEqual([]);
    const journal = w.c.t.core.ledger.raw
      .prepare(
        `SELECT action, actor_name FROM journal WHERE action IN ('household.update', 'village.resolve')
        ORDER BY seq DESC LIMIT 2`,
      )
      .all();
    expect(journal).toEqual([
      { action: 'village.resolve', actor_name: '李审核' },
      { action: 'household.update', actor_name: '李审核' },
    ]);
    // A second resolution of the same entry (stale version) is refused.
    const again = await w.c.t.reviewer.try('village.resolve', { id: q.id, version: q.version, choice: 'office' });
    expect(again.ok).toBe(false);
  });

  it('keep the office’s value: nothing changes in the record; edit: the reviewer’s value is saved', async () => {
    const { q } = await conflicted();
    await w.c.t.reviewer.call('village.resolve', { id: q.id, version: q.version, choice: 'office' });
    expect((await get(w.a1.household.id)).household.address).toBe('办公室地址');

    // Another conflict, edited.
    const a1 = await get(w.a1.household.id);
    const copy2 = await w.makeCopy(w.c.villageId, 'xieli2');
    await office().call('households.update', hhUpdate(w.c.villageId, a1, { address: '办公室地址2' }));
    await copy2.village.call('households.update', hhUpdate(w.c.villageId, a1, { address: '村里地址2' }));
    await w.importAtOffice(await copy2.export());
    const [q2] = await office().call('village.queue', {});
    const missing = await w.c.t.reviewer.try('village.resolve', { id: q2!.id, version: q2!.version, choice: 'edit' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toBe('请填写复核后的值：address');
    await w.c.t.reviewer.call('village.resolve', {
      id: q2!.id,
      version: q2!.version,
      choice: 'edit',
      values: { address: '核实后的地址' },
    });
    expect((await get(w.a1.household.id)).household.address).toBe('核实后的地址');
  });

  it('two copies and the office edit the same household: both queued; resolved one each way', async () => {
    const one = await w.makeCopy(w.c.villageId, 'xieli');
    const two = await w.makeCopy(w.c.villageId, 'xieli2');
    // The second copy carries nothing of the first copy's registration or queue.
    expect(two.core.ledger.raw.prepare(`SELECT count(*) FROM village_copies`).pluck().get()).toBe(0);
    await office().call('households.update', hhUpdate(w.c.villageId, w.a2, { address: '办公室改' }));
    await one.village.call('households.update', hhUpdate(w.c.villageId, w.a2, { address: '一号副本改' }));
    await two.village.call('households.update', hhUpdate(w.c.villageId, w.a2, { address: '二号副本改' }));
    const r1 = await w.importAtOffice(await one.export());
    const r2 = await w.importAtOffice(await two.export());
    expect([r1.conflicts, r2.conflicts]).toEqual([1, 1]);
    expect((await get(w.a2.household.id)).household.address).toBe('办公室改');
    const queue = await office().call('village.queue', {});
    expect(queue.map((q) => [q.copyId, q.fields.map((f) => [f.office, f.village])])).toEqual([
      [one.id, [['办公室改', '一号副本改']]],
      [two.id, [['办公室改', '二号副本改']]],
    ]);
    // The first copy's value taken; the second's then conflicts with it (shown as the office's current value)
    // and the office's (now the first copy's) value is kept.
    await w.c.t.reviewer.call('village.resolve', { id: queue[0]!.id, version: queue[0]!.version, choice: 'village' });
    const [left] = await office().call('village.queue', {});
    expect(left!.fields[0]!.current).toBe('一号副本改');
    await w.c.t.reviewer.call('village.resolve', { id: left!.id, version: left!.version, choice: 'office' });
    expect((await get(w.a2.household.id)).household.address).toBe('一号副本改');
    const copies = await w.c.t.admin.call('village.copies', {});
    expect(copies.map((c) => [c.lastFileSeq, c.openQueue])).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });
});

describe('files in sequence', () => {
  it('a lost file in the middle: the next one is refused naming it, the office unchanged; in order all apply', async () => {
    const copy = await w.makeCopy(w.c.villageId, 'xieli');
    const files: string[] = [];
    let h = w.a1;
    for (const address of ['一号', '二号', '三号']) {
      await copy.village.call('households.update', hhUpdate(w.c.villageId, h, { address }));
      files.push(await copy.export());
      h = await copy.village.call('households.get', { id: w.a1.household.id });
    }
    expect((await w.importAtOffice(files[0]!)).applied).toBe(1);
    const before = w.officeHash();
    const gap = await w.c.t.reviewer.try('village.import', { text: files[2]! });
    expect(gap.ok ? '' : gap.error.message).toBe(
      '缺少第 2 号变更文件（本文件为第 3 号，上次导入到第 1 号）：请先导入缺少的文件。未导入任何内容',
    );
    expect(w.officeHash()).toBe(before);
    expect((await get(w.a1.household.id)).household.address).toBe('一号');
    // File 2 and 3 each repeat the earlier, unacknowledged changes: those are skipped, never applied twice.
    const r2 = await w.importAtOffice(files[1]!);
    const r3 = await w.importAtOffice(files[2]!);
    expect([r2.applied, r2.alreadyApplied, r3.applied, r3.alreadyApplied]).toEqual([1, 1, 1, 2]);
    expect((await get(w.a1.household.id)).household.address).toBe('三号');
  });
});

describe('back to the village', () => {
  it('a full round trip: the copies and the office agree record by record on their villages', async () => {
    const one = await w.makeCopy(w.c.villageId, 'xieli');
    const two = await w.makeCopy(w.c.village2Id, 'xieli2');
    // Village work: a new household, an edit, a conflicting edit; the office approves nothing but edits.
    await one.village.call('households.create', {
      villageId: w.c.villageId,
      hukouType: 'rural',
      address: '新村1号',
      annualIncomeFen: 500_000,
      members: [member('郑新', '1958-05-05', 'F', '户主')],
    });
    await one.village.call('households.update', hhUpdate(w.c.villageId, w.a1, { address: '一村改' }));
    await office().call('households.update', hhUpdate(w.c.villageId, w.a2, { address: '办公室改' }));
    await one.village.call('households.update', hhUpdate(w.c.villageId, w.a2, { address: '一村也改' }));
    await two.village.call('households.update', hhUpdate(w.c.village2Id, w.b1, { phone: '13900000000' }));
    await office().call('households.update', hhUpdate(w.c.village2Id, w.b1, { address: '办公室改二村' }));

    await w.importAtOffice(await one.export());
    await w.importAtOffice(await two.export());
    const [q] = await office().call('village.queue', {});
    await w.c.t.reviewer.call('village.resolve', { id: q!.id, version: q!.version, choice: 'village' });

    expect(await one.importReturn(await w.returnFor(one))).toContain('已导入第 1 号回传文件');
    expect(await two.importReturn(await w.returnFor(two))).toContain('已导入第 1 号回传文件');
    expect(recordsOfCopy(one)).toEqual(recordsAtOffice(w, [w.c.villageId]));
    expect(recordsOfCopy(two)).toEqual(recordsAtOffice(w, [w.c.village2Id]));
    // The new household now carries the office's id in the copy; the village sees the office's edits.
    const list = await one.village.call('households.list', { q: '郑新' });
    const atOffice = await office().call('households.list', { q: '郑新' });
    expect(list.rows.map((r) => r.id)).toEqual(atOffice.rows.map((r) => r.id));
    const b1 = await two.village.call('households.get', { id: w.b1.household.id });
    expect([b1.household.address, b1.household.phone]).toEqual(['办公室改二村', '13900000000']);
    // What became of each change, and the last acknowledged file, as the copy's badge shows them.
    const status = await one.village.call('village.status', {});
    expect(status).toMatchObject({
      isCopy: true,
      unsent: 0,
      lastFileSeq: 1,
      lastAcknowledged: 1,
      lastReturnSeq: 1,
      acknowledged: { applied: 3, queued: 0, refused: 0 },
    });
    // Work continues on the office's ids: the next change applies at the office as sent.
    const again = await one.village.call('households.get', { id: atOffice.rows[0]!.id });
    await one.village.call('households.update', hhUpdate(w.c.villageId, again, { phone: '13700000000' }));
    const r = await w.importAtOffice(await one.export());
    expect([r.fileSeq, r.applied, r.parallel, r.conflicts]).toEqual([2, 1, 0, 0]);
  });

  it('refuses a return file that is tampered, for another copy, or older; a repeat changes nothing', async () => {
    const one = await w.makeCopy(w.c.villageId, 'xieli');
    const two = await w.makeCopy(w.c.village2Id, 'xieli2');
    await one.village.call('households.update', hhUpdate(w.c.villageId, w.a1, { address: '一村改' }));
    await w.importAtOffice(await one.export());
    const ret1 = await w.returnFor(one);
    const tampered = ret1.replace('一村改', '一村篡改');
    const bad = await one.village.try('village.importReturn', { text: tampered });
    expect(bad.ok ? '' : bad.error.message).toContain('签名不符');
    const other = await two.village.try('village.importReturn', { text: ret1 });
    expect(other.ok ? '' : other.error.message).toBe('回传文件是给另一个村级副本的，不是本副本的。未作任何改动');
    const ret2 = await w.returnFor(one);
    expect(await one.importReturn(ret2)).toContain('第 2 号回传文件');
    expect(await one.importReturn(ret2)).toBe('第 2 号回传文件已经导入过：未作任何改动');
    const older = await one.village.try('village.importReturn', { text: ret1 });
    expect(older.ok ? '' : older.error.message).toContain('旧文件不能再导入');
    // Made in a copy, office methods are refused.
    const resolve = await one.village.try('village.copies', {});
    expect(resolve.ok).toBe(false);
  });

  it('keeps the copy’s unacknowledged work when the return file comes back', async () => {
    const one = await w.makeCopy(w.c.villageId, 'xieli');
    await one.village.call('households.update', hhUpdate(w.c.villageId, w.a1, { address: '已送出' }));
    await w.importAtOffice(await one.export());
    const a1 = await one.village.call('households.get', { id: w.a1.household.id });
    await one.village.call('households.update', hhUpdate(w.c.villageId, a1, { address: '尚未送出' }));
    await office().call('households.update', hhUpdate(w.c.villageId, w.a2, { address: '办公室改' }));
    const summary = await one.importReturn(await w.returnFor(one));
    expect(summary).toContain('保留本副本的内容');
    expect((await one.village.call('households.get', { id: w.a1.household.id })).household.address).toBe('尚未送出');
    expect((await one.village.call('households.get', { id: w.a2.household.id })).household.address).toBe('办公室改');
    expect(await one.village.call('village.status', {})).toMatchObject({ unsent: 1, notExported: 1 });
  });
});
