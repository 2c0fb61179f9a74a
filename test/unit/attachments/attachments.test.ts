// Scanned paperwork kept beside the ledger: checked on the way in (type, size), hashed, verified on the way out,
// journalled, voided but never deleted.
import { existsSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { attachmentPath } from '../../../src/main/ledger/attachments/handlers';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
let householdId: string;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

beforeEach(async () => {
  t = await makeTestCore();
  const [village] = await t.clerk.call('villages.list', {});
  const page = await t.clerk.call('households.create', {
    villageId: village!.id,
    hukouType: 'urban',
    annualIncomeFen: 0,
    members: [{ name: '王芳', idNumber: '11010519491231002X', relation: '户主' }],
  });
  householdId = page.household.id;
});
afterEach(async () => {
  await t.close();
});

test('a scanned application is stored by its hash, listed, read back intact, and every view journalled', async () => {
  const a = await t.clerk.call('attachments.add', {
    entity: 'households',
    entityId: householdId,
    name: '低保申请书.pdf',
    dataBase64: pdf.toString('base64'),
    note: '户主签字',
  });
  expect(a).toMatchObject({
    name: '低保申请书.pdf',
    mime: 'application/pdf',
    size: pdf.length,
    createdBy: '张经办',
    voided: false,
  });
  expect(existsSync(attachmentPath(t.core.dataDir, a.sha256))).toBe(true);
  const list = await t.reviewer.call('attachments.list', { entity: 'households', entityId: householdId });
  expect(list.map((x) => x.name)).toEqual(['低保申请书.pdf']);
  const got = await t.reviewer.call('attachments.get', { id: a.id });
  expect(Buffer.from(got.dataBase64, 'base64').equals(pdf)).toBe(true);
  const journal = await t.core.ledger.db
    .selectFrom('journal')
    .select(['action', 'actor_name'])
    .where('entity_id', '=', householdId)
    .where('action', 'like', 'attachment.%')
    .execute();
  expect(journal).toEqual([
    { action: 'attachment.add', actor_name: '张经办' },
    { action: 'attachment.view', actor_name: '李审核' },
  ]);
});

test('a renamed program, an unknown type and an empty file are refused and nothing is written', async () => {
  const exe = Buffer.from('MZ\x90\x00\x03\x00\x00\x00 not a pdf at all');
  const cases: [string, Buffer, string][] = [
    ['扫描件.pdf', exe, '文件“扫描件.pdf”的内容不是 .pdf 格式（可能是改了扩展名的其他文件），未保存'],
    ['病历.exe', exe, '不支持的附件类型“.exe”：可上传 PDF、JPG、PNG、TIF、Word、Excel、OFD'],
  ];
  for (const [name, data, message] of cases) {
    const r = await t.clerk.try('attachments.add', {
      entity: 'households',
      entityId: householdId,
      name,
      dataBase64: data.toString('base64'),
    });
    expect(!r.ok && r.error.message).toBe(message);
  }
  const r = await t.clerk.try('attachments.add', {
    entity: 'households',
    entityId: householdId,
    name: 'a.pdf',
    dataBase64: '',
  });
  expect(!r.ok && r.error.code).toBe('BAD_INPUT');
  expect(await t.clerk.call('attachments.list', { entity: 'households', entityId: householdId })).toEqual([]);
});

test('an attachment for a record that does not exist is refused', async () => {
  const r = await t.clerk.try('attachments.add', {
    entity: 'cases',
    entityId: 'no-such-case',
    name: 'a.pdf',
    dataBase64: pdf.toString('base64'),
  });
  expect(!r.ok && r.error.message).toBe('未找到该救助对象');
});

test('a file changed on disk behind the app is caught when read', async () => {
  const a = await t.clerk.call('attachments.add', {
    entity: 'households',
    entityId: householdId,
    name: '入户调查表.pdf',
    dataBase64: pdf.toString('base64'),
  });
  writeFileSync(attachmentPath(t.core.dataDir, a.sha256), Buffer.concat([pdf, Buffer.from('tampered')]));
  const r = await t.clerk.try('attachments.get', { id: a.id });
  expect(!r.ok && r.error.message).toBe('附件“入户调查表.pdf”的文件已被改动或损坏（校验值不符），请从备份恢复');
});

test('voiding keeps the file and the row, needs a reason, and refuses a stale version', async () => {
  const a = await t.clerk.call('attachments.add', {
    entity: 'households',
    entityId: householdId,
    name: '错传.pdf',
    dataBase64: pdf.toString('base64'),
  });
  const v = await t.clerk.call('attachments.void', { id: a.id, version: a.version, reason: '传错了户' });
  expect(v).toMatchObject({ voided: true, voidReason: '传错了户' });
  const stale = await t.clerk.try('attachments.void', { id: a.id, version: a.version, reason: '再次' });
  expect(!stale.ok && stale.error.message).toBe('附件“错传.pdf”已被他人修改，请刷新后重新编辑（您的修改未保存）');
  expect(await t.clerk.call('attachments.list', { entity: 'households', entityId: householdId })).toEqual([]);
  const all = await t.clerk.call('attachments.list', {
    entity: 'households',
    entityId: householdId,
    includeVoided: true,
  });
  expect(all).toHaveLength(1);
  expect(existsSync(attachmentPath(t.core.dataDir, a.sha256))).toBe(true);
});
