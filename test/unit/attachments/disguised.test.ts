// Issue 23.8: attachments are checked beyond their first bytes. A .docx/.xlsx that is a zip holding a program
// (by name, by content, in a nested zip), and a JPEG/PNG/PDF with a program appended after its end marker, are
// refused with a message naming what was found; nothing is written. Clean files of the same kinds are accepted.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
let householdId: string;

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

/** A minimal Windows program: "MZ", e_lfanew at 0x3c pointing at "PE\0\0", then some code-like bytes. */
function windowsProgram(): Buffer {
  const b = Buffer.alloc(0x200, 0x90);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(0x14c, 0x84); // i386
  return b;
}

/** A minimal Linux program header: ELF, 64-bit, little-endian, version 1. */
function linuxProgram(): Buffer {
  const b = Buffer.alloc(0x100, 0);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(b, 0);
  b.writeUInt16LE(2, 16); // ET_EXEC
  return b;
}

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${s}`, 'utf8');

function docx(extra: Record<string, Uint8Array> = {}): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': xml('<Types/>'),
      'word/document.xml': xml('<w:document><w:body><w:p>低保申请书</w:p></w:body></w:document>'),
      ...extra,
    }),
  );
}

function xlsx(extra: Record<string, Uint8Array> = {}): Buffer {
  return Buffer.from(
    zipSync({ '[Content_Types].xml': xml('<Types/>'), 'xl/workbook.xml': xml('<workbook/>'), ...extra }),
  );
}

/** A small JPEG: SOI, an APP0 segment, some scan bytes, EOI. */
const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
  Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x12, 0x34, 0x56]),
  Buffer.from([0xff, 0xd9]),
]);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('IEND', 'latin1'),
  Buffer.from([0xae, 0x42, 0x60, 0x82]),
]);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function add(name: string, data: Buffer) {
  return t.clerk.try('attachments.add', {
    entity: 'households',
    entityId: householdId,
    name,
    dataBase64: data.toString('base64'),
  });
}

const stored = () => {
  const dir = join(t.core.dataDir, 'attachments');
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).length : 0;
};
const rows = () => t.core.ledger.raw.prepare('SELECT count(*) FROM attachments').pluck().get() as number;

async function expectRefused(name: string, data: Buffer, found: string): Promise<void> {
  const before = [stored(), rows()];
  const r = await add(name, data);
  expect(r).toEqual({
    ok: false,
    error: {
      code: 'BAD_INPUT',
      message: `附件“${name}”不能保存：${found}。附件中不允许夹带程序或脚本`,
      fields: { name: '含有程序' },
    },
  });
  expect([stored(), rows()]).toEqual(before);
}

test('clean documents and images of every kind are accepted (the checks do not refuse ordinary files)', async () => {
  for (const [name, data] of [
    ['申请书.docx', docx({ 'word/media/image1.jpeg': jpeg })],
    ['花名册.xlsx', xlsx()],
    ['照片.jpg', jpeg],
    ['扫描.png', png],
    ['证明.pdf', pdf],
  ] as const) {
    const r = await add(name, data);
    expect(r.ok, `${name}: ${JSON.stringify(r)}`).toBe(true);
  }
  expect(rows()).toBe(5);
});

test('a .docx holding a program is refused: by its name, by its content under an innocent name, in a nested zip', async () => {
  await expectRefused(
    '申请书.docx',
    docx({ 'word/media/setup.exe': windowsProgram() }),
    '文件内的“word/media/setup.exe”（程序或脚本文件）',
  );
  await expectRefused(
    '申请书.docx',
    docx({ 'word/embeddings/run.vbs': Buffer.from('MsgBox 1') }),
    '文件内的“word/embeddings/run.vbs”（程序或脚本文件）',
  );
  await expectRefused(
    '申请书.docx',
    docx({ 'word/media/image2.png': windowsProgram() }),
    '文件内的“word/media/image2.png”（Windows 程序（第 0 字节起））',
  );
  await expectRefused(
    '花名册.xlsx',
    xlsx({ 'xl/embeddings/oleObject1.bin': Buffer.from(zipSync({ 'inner/readme.txt': linuxProgram() })) }),
    '文件内的“xl/embeddings/oleObject1.bin”内的“inner/readme.txt”（Linux 程序（第 0 字节起））',
  );
  await expectRefused(
    '花名册.xlsx',
    xlsx({ 'xl/embeddings/a.zip': Buffer.from(zipSync({ 'b/tool.jar': Buffer.from('PK') })) }),
    '文件内的“xl/embeddings/a.zip”内的“b/tool.jar”（程序或脚本文件）',
  );
  await expectRefused(
    '申请书.docx',
    docx({ 'word/notes.txt': Buffer.from('#!/bin/sh\nrm -rf ~\n') }),
    '文件内的“word/notes.txt”（脚本）',
  );
});

test('an image or PDF with a program after its end marker is refused', async () => {
  await expectRefused(
    '照片.jpg',
    Buffer.concat([jpeg, windowsProgram()]),
    `文件中含有Windows 程序（第 ${jpeg.length} 字节起）`,
  );
  await expectRefused(
    '扫描.png',
    Buffer.concat([png, linuxProgram()]),
    `文件中含有Linux 程序（第 ${png.length} 字节起）`,
  );
  await expectRefused(
    '证明.pdf',
    Buffer.concat([pdf, windowsProgram()]),
    `文件中含有Windows 程序（第 ${pdf.length} 字节起）`,
  );
});
