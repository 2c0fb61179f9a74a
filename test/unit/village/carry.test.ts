// Issue 15: attachment files travel both ways (content-hashed, size-limited, signed; a tampered one is refused), and
// return files after the first carry only what changed since the one the copy acknowledged — and still leave copy and
// office agreeing record by record.
import { createPrivateKey, sign } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonical } from '../../../src/main/ledger/village/canonical';
import type { Caller } from '../../helpers/ledger';
import { hhUpdate, makeWorld, member, recordsAtOffice, recordsOfCopy, type Copy, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await makeWorld();
});
afterEach(async () => {
  await w.close();
});

/** A small PDF (the attachment check reads the first bytes), made different by `tag`. */
const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

async function current(who: Caller, id: string) {
  return who.call('households.get', { id });
}

interface FileJson {
  format: string;
  formatVersion: number;
  header: unknown;
  changes: { input: { dataBase64?: string; file?: { sha256: string } } }[];
  attachments: { sha256: string; size: number; dataBase64: string }[];
  signature: string;
}

/** Signs a change file again with the copy's own key: a copy (or someone holding its key) that lies. */
function resign(copy: Copy, file: FileJson): string {
  const state = JSON.parse(
    copy.core.ledger.raw.prepare(`SELECT value FROM settings WHERE key = 'village_copy'`).pluck().get() as string,
  ) as { privateKey: string };
  const { signature: _old, ...body } = file;
  const signature = sign(null, Buffer.from(canonical(body), 'utf8'), createPrivateKey(state.privateKey)).toString(
    'base64',
  );
  return JSON.stringify({ ...body, signature });
}

describe('attachments carried', () => {
  it('go to the copy when it is made and on return files, and to the office inside the change file; a tampered one is refused', async () => {
    const office = w.c.t.clerk;
    const early = await office.call('attachments.add', {
      entity: 'households',
      entityId: w.a1.household.id,
      name: '户口簿.pdf',
      dataBase64: pdf('户口簿').toString('base64'),
    });
    const one = await w.makeCopy(w.c.villageId, 'xieli');
    // Made with the copy: the office's file of the village's record opens in the copy.
    const inCopy = await one.village.call('attachments.get', { id: early.id });
    expect(Buffer.from(inCopy.dataBase64, 'base64').equals(pdf('户口簿'))).toBe(true);

    const scan = pdf('村里扫描的申请书');
    const added = await one.village.call('attachments.add', {
      entity: 'households',
      entityId: w.a2.household.id,
      name: '低保申请书.pdf',
      dataBase64: scan.toString('base64'),
    });
    const text = await one.export();
    const file = JSON.parse(text) as FileJson;
    // The change names the file by its hash; the bytes travel once, beside the changes, under the signature.
    expect(file.formatVersion).toBe(3);
    expect(file.changes[0]!.input.dataBase64).toBeUndefined();
    expect(file.changes[0]!.input.file!.sha256).toBe(added.sha256);
    expect(file.attachments.map((a) => [a.sha256, a.size])).toEqual([[added.sha256, scan.length]]);

    const before = w.officeHash();
    const altered = pdf('村里扫描的申请书（改）').toString('base64');
    const tampered = structuredClone(file);
    tampered.attachments[0]!.dataBase64 = altered;
    const bad = await w.c.t.reviewer.try('village.import', { text: JSON.stringify(tampered) });
    expect(bad.ok ? '' : bad.error.message).toContain('签名不符');
    // Signed again by the copy's key, the bytes still do not match their hash: refused, nothing applied.
    const lying = await w.c.t.reviewer.try('village.import', { text: resign(one, tampered) });
    expect(lying.ok ? '' : lying.error.message).toBe(
      '变更文件中的第 1 个附件文件与它的校验值不符（文件被改动过或已损坏）。未导入任何内容',
    );
    expect(w.officeHash()).toBe(before);

    const r = await w.importAtOffice(text);
    expect([r.applied, r.refused]).toEqual([1, 0]);
    const list = await office.call('attachments.list', { entity: 'households', entityId: w.a2.household.id });
    const atOffice = list.find((a) => a.name === '低保申请书.pdf')!;
    expect(atOffice.sha256).toBe(added.sha256);
    const bytes = await office.call('attachments.get', { id: atOffice.id });
    expect(Buffer.from(bytes.dataBase64, 'base64').equals(scan)).toBe(true);

    // The office's new attachment of the village's record reaches the copy on the return file.
    const later = await office.call('attachments.add', {
      entity: 'households',
      entityId: w.a1.household.id,
      name: '入户调查表.pdf',
      dataBase64: pdf('入户调查表').toString('base64'),
    });
    expect(await one.importReturn(await w.returnFor(one))).toContain('已导入第 1 号回传文件');
    const back = await one.village.call('attachments.get', { id: later.id });
    expect(Buffer.from(back.dataBase64, 'base64').equals(pdf('入户调查表'))).toBe(true);
    expect(recordsOfCopy(one)).toEqual(recordsAtOffice(w, [w.c.villageId]));
  });
});

describe('differential return files', () => {
  it('carry only what changed since the acknowledged one; the round trip still agrees record by record', async () => {
    const office = w.c.t.clerk;
    const one = await w.makeCopy(w.c.villageId, 'xieli');
    await one.village.call(
      'households.update',
      hhUpdate(w.c.villageId, await current(one.village, w.a1.household.id), { address: '村里改的地址' }),
    );
    await w.importAtOffice(await one.export());
    await office.call(
      'households.update',
      hhUpdate(w.c.villageId, await current(office, w.a2.household.id), { phone: '13900000000' }),
    );
    const ret1 = JSON.parse(await w.returnFor(one)) as {
      header: { full: boolean; returnSeq: number };
      records: Record<string, { rows: unknown[][] }>;
    };
    expect(ret1.header.full).toBe(true);
    const rowsOf = (r: typeof ret1) => Object.values(r.records).reduce((n, t) => n + t.rows.length, 0);
    expect(rowsOf(ret1)).toBeGreaterThanOrEqual(7);
    await one.importReturn(JSON.stringify(ret1));
    expect(recordsOfCopy(one)).toEqual(recordsAtOffice(w, [w.c.villageId]));

    // The copy's next change file names return file 1; a household made in the copy gets the office's ids.
    await one.village.call('households.create', {
      villageId: w.c.villageId,
      hukouType: 'rural',
      address: '新村8号',
      annualIncomeFen: 300_000,
      members: [member('钱新', '1961-06-06', 'M', '户主')],
    });
    await one.village.call(
      'households.update',
      hhUpdate(w.c.villageId, await current(one.village, w.a2.household.id), { address: '村里第二次改' }),
    );
    const file2 = JSON.parse(await one.export()) as { header: { lastReturnSeq: number } };
    expect(file2.header.lastReturnSeq).toBe(1);
    await w.importAtOffice(JSON.stringify(file2));
    const ret2 = JSON.parse(await w.returnFor(one)) as typeof ret1 & {
      header: { baseReturnSeq: number };
      results: unknown[];
    };
    expect([ret2.header.full, ret2.header.baseReturnSeq]).toEqual([false, 1]);
    expect(ret2.results).toHaveLength(2);
    // Only the new household (its rows) and the changed one — not the village's other records.
    expect(rowsOf(ret2)).toBeLessThan(rowsOf(ret1));
    expect(ret2.records.households!.rows).toHaveLength(2);
    expect(await one.importReturn(JSON.stringify(ret2))).toContain('已导入第 2 号回传文件');
    expect(recordsOfCopy(one)).toEqual(recordsAtOffice(w, [w.c.villageId]));
    const mine = await one.village.call('households.list', { q: '钱新' });
    const theirs = await office.call('households.list', { q: '钱新' });
    expect(mine.rows.map((r) => r.id)).toEqual(theirs.rows.map((r) => r.id));

    // Acknowledged (a change file naming return 2) and no office change since: the next return file is empty but
    // for that change's own record and result.
    await one.village.call(
      'households.update',
      hhUpdate(w.c.villageId, await current(one.village, w.a1.household.id), { phone: '13700000000' }),
    );
    await w.importAtOffice(await one.export());
    const ret3 = JSON.parse(await w.returnFor(one)) as typeof ret2;
    expect([ret3.header.full, ret3.header.baseReturnSeq, ret3.results.length]).toEqual([false, 2, 1]);
    expect(Object.keys(ret3.records)).toEqual(['households']);
    expect(ret3.records.households!.rows).toHaveLength(1);
    await one.importReturn(JSON.stringify(ret3));
    expect(recordsOfCopy(one)).toEqual(recordsAtOffice(w, [w.c.villageId]));

    // Asked for in full, every record again; the copy still agrees.
    const full = (await w.c.t.reviewer.call('village.exportReturn', { copyId: one.id, full: true })).text;
    expect((JSON.parse(full) as typeof ret1).header.full).toBe(true);
    expect(await one.importReturn(full)).toContain('已导入第 4 号回传文件');
    expect(recordsOfCopy(one)).toEqual(recordsAtOffice(w, [w.c.villageId]));
  });
});
