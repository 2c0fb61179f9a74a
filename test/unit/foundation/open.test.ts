// Opening a ledger: our pragmas and application_id; foreign, truncated and newer files refused and left untouched.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { APPLICATION_ID, openLedger } from '../../../src/main/ledger/db';
import { SCHEMA_VERSION } from '../../../src/main/ledger/db/migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-open-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a new ledger', () => {
  test('is created with WAL, synchronous=FULL, foreign keys on, our application_id and every migration', async () => {
    const path = join(dir, 'new.ledger');
    const ledger = await openLedger(path, { create: true });
    expect(ledger.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ledger.raw.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(ledger.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ledger.raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(ledger.raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const applied = ledger.raw.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all();
    expect(applied).toHaveLength(SCHEMA_VERSION);
    await ledger.close();
    // Re-opening runs nothing new and keeps the data.
    const again = await openLedger(path);
    expect(again.raw.prepare('SELECT count(*) FROM kysely_migration').pluck().get()).toBe(SCHEMA_VERSION);
    await again.close();
  });

  test('is not created unless asked', async () => {
    await expect(openLedger(join(dir, 'missing.ledger'))).rejects.toThrow(/不存在或为空.*init/);
  });
});

describe('a file that is not ours is refused and not written to', () => {
  test('a plain SQLite database of another program', async () => {
    const path = join(dir, 'other.sqlite');
    const other = new Database(path);
    other.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1);');
    other.close();
    const before = readFileSync(path);
    await expect(openLedger(path)).rejects.toThrow('是 SQLite 数据库，但不是本软件的台账（应用标识不符）');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  test('a spreadsheet renamed to .ledger', async () => {
    const path = join(dir, 'book.ledger');
    writeFileSync(path, Buffer.from('PK\u0003\u0004 this is a zip, not a database'.padEnd(200, ' ')));
    await expect(openLedger(path)).rejects.toThrow('不是台账文件（不是 SQLite 数据库）');
  });

  test('a truncated ledger (copy cut short)', async () => {
    const path = join(dir, 'full.ledger');
    const ledger = await openLedger(path, { create: true });
    ledger.raw.exec('CREATE TABLE padding(x); ');
    const ins = ledger.raw.prepare('INSERT INTO padding VALUES (?)');
    for (let i = 0; i < 2000; i++) ins.run('x'.repeat(200));
    ledger.raw.pragma('wal_checkpoint(TRUNCATE)');
    await ledger.close();
    const cut = join(dir, 'cut.ledger');
    copyFileSync(path, cut);
    truncateSync(cut, Math.floor(statSync(cut).size / 2));
    const before = readFileSync(cut);
    await expect(openLedger(cut)).rejects.toThrow(/台账文件“.*cut\.ledger”不完整（应有 \d+ 字节，实有 \d+ 字节）/);
    expect(readFileSync(cut).equals(before)).toBe(true);
  });

  test('a ledger from a newer version of the app (user_version)', async () => {
    const path = join(dir, 'newer.ledger');
    const ledger = await openLedger(path, { create: true });
    ledger.raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    await ledger.close();
    await expect(openLedger(path)).rejects.toThrow(
      `数据结构版本 ${SCHEMA_VERSION + 1}，本软件支持到 ${SCHEMA_VERSION}`,
    );
  });

  test('a ledger from a newer version of the app (unknown migration)', async () => {
    const path = join(dir, 'newer2.ledger');
    const ledger = await openLedger(path, { create: true });
    ledger.raw.prepare("INSERT INTO kysely_migration(name, timestamp) VALUES ('9999_future', '2030-01-01')").run();
    await ledger.close();
    const before = readFileSync(path);
    await expect(openLedger(path)).rejects.toThrow('含本软件不认识的数据结构：9999_future');
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
