// Long work off the thread that answers calls (issue 23.4): a package build and a comparison of a large list run in a
// worker thread; through the loopback HTTP host a simple call made while they run is answered before they end, and
// the caller can read their progress meanwhile. The worker's package is the same as one built on this thread; a
// worker that dies gives a Chinese message and leaves nothing written. Order of completion only, no timings.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../src/main/core';
import { startHttpHost, type HttpHost } from '../../../src/main/http/host';
import { assemblePackage } from '../../../src/main/ledger/reports/package';
import { SEED_PASSWORD, seedLedger } from '../../../src/tools/seed/generate';
import { useWorkerEntry } from '../../../src/main/ledger/work/offthread';
import { idCheckChar } from '../../../src/shared/idcard';
import type { WorkProgress } from '../../../src/shared/api/work';
import { ensureDivisions } from '../../helpers/divisions';

const NOW = new Date('2026-11-05T02:00:00Z');
const MONTH = '2026-10';
const FIXTURES = join(import.meta.dirname, 'fixtures');

let dir: string;
let core: Core;
let host: HttpHost;
let session: string;

interface Answer<T> {
  ok: boolean;
  data: T;
  error: { code: string; message: string };
}

async function api<T>(method: string, input: unknown): Promise<Answer<T>> {
  const res = await fetch(new URL('api', host.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, 'X-Session': session },
    body: JSON.stringify({ method, input }),
  });
  return (await res.json()) as Answer<T>;
}

/**
 * Starts `method`, then — while it runs — asks for its progress until there is some, and makes a simple call.
 * Returns the order in which the three finished and the progress seen.
 */
async function whileRunning<T>(method: string, input: unknown) {
  const order: string[] = [];
  let finished = false;
  const long = api<T>(method, input).then((r) => {
    finished = true;
    order.push(method);
    return r;
  });
  let seen: WorkProgress | null = null;
  while (!finished && !seen) {
    seen = (await api<WorkProgress | null>('work.progress', { method })).data;
  }
  if (seen) order.push('work.progress');
  const me = await api<{ username: string }>('auth.me', {});
  order.push('auth.me');
  return { order, seen, me, result: await long };
}

const count = (sql: string): number => core.ledger.raw.prepare(sql).pluck().get() as number;

beforeAll(async () => {
  ensureDivisions();
  dir = mkdtempSync(join(tmpdir(), 'civil-ledger-work-'));
  const dbPath = join(dir, 'ledger.db');
  await seedLedger({ dbPath, households: 1500, years: 1, seed: 'work-offthread' });
  core = await startCore({ dbPath, now: () => NOW });
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>台账</title>');
  host = await startHttpHost({ dispatcher: core.dispatcher, rendererDir });
  const login = await core.dispatcher.dispatch({
    method: 'auth.login',
    input: { username: 'admin', password: SEED_PASSWORD },
  });
  if (!login.ok) throw new Error(login.error.message);
  session = (login.data as { session: string }).session;
}, 180_000);
afterAll(async () => {
  await host?.close();
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => useWorkerEntry(undefined));

describe('report package in a worker thread', () => {
  it('answers a simple call and shows progress while the package builds; the package equals one built on this thread', async () => {
    const admin = core.ledger.raw
      .prepare(`SELECT id, display_name AS name FROM users WHERE username = 'admin'`)
      .get() as {
      id: string;
      name: string;
    };
    const here = await assemblePackage(
      { db: core.ledger.db, raw: core.ledger.raw, actor: admin, now: () => NOW },
      MONTH,
      'manual',
      false,
    );

    const { order, seen, me, result } = await whileRunning<{ zipFile: string; xlsxFile: string }>('reports.build', {
      month: MONTH,
    });
    expect(me.data.username).toBe('admin');
    expect(order).toEqual(['work.progress', 'auth.me', 'reports.build']);
    expect(seen?.step).toMatch(/准备中|统计本月数字|汇总本月变动|生成报表工作簿|生成明细表|打包/);
    expect(result.ok).toBe(true);

    // Same files, same bytes: summary.json's figures, the workbook, every detail table and the manifest.
    const built = unzipSync(new Uint8Array(readFileSync(join(core.dataDir, result.data.zipFile))));
    const mine = unzipSync(here.zip);
    expect(Object.keys(built).sort()).toEqual(Object.keys(mine).sort());
    // The workbook is itself a zip whose entries carry the time it was written: its parts are compared.
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    for (const name of Object.keys(mine)) {
      if (name === 'manifest.json') {
        // …and its hash in the manifest differs for that reason alone.
        const facts = (b: Uint8Array) => {
          const m = JSON.parse(Buffer.from(b).toString('utf8')) as { files: { name: string; sha256?: string }[] };
          for (const f of m.files) if (f.name.endsWith('.xlsx')) delete f.sha256;
          return m;
        };
        expect(facts(built[name]!)).toEqual(facts(mine[name]!));
      } else if (!name.endsWith('.xlsx')) expect(same(built[name]!, mine[name]!), name).toBe(true);
      else {
        const [x, y] = [unzipSync(built[name]!), unzipSync(mine[name]!)];
        expect(Object.keys(x).sort()).toEqual(Object.keys(y).sort());
        for (const part of Object.keys(y)) expect(same(x[part]!, y[part]!), part).toBe(true);
      }
    }
    const summary = JSON.parse(Buffer.from(built['summary.json']!).toString('utf8')) as {
      rows: unknown[];
      month: string;
    };
    expect(summary.month).toBe(MONTH);
    expect(summary.rows).toEqual(here.summary.rows);
    expect(count(`SELECT count(*) FROM journal WHERE action = 'report.build'`)).toBe(1);
    expect((await api<null>('work.progress', { method: 'reports.build' })).data).toBeNull();
  }, 180_000);

  it('a refusal inside the worker comes back as it was', async () => {
    const r = await api('reports.build', { month: '2026-12' });
    expect(r.ok).toBe(false);
    expect(r.error.message).toBe('2026年12月尚未开始，不能生成报表');
  });

  it('a worker that dies gives a Chinese message and writes nothing', async () => {
    const packages = count('SELECT count(*) FROM report_packages');
    const journal = count('SELECT count(*) FROM journal');
    const files = readdirSync(join(core.dataDir, 'reports', MONTH)).sort();
    useWorkerEntry(join(FIXTURES, 'dies.mjs'));
    const r = await api('reports.build', { month: MONTH });
    expect(r.ok).toBe(false);
    expect(r.error.message).toBe(
      '生成报表包的后台计算意外中止（退出码 3），台账和文件均未改动。请重试；如仍出错，请联系管理员查看日志',
    );
    expect(count('SELECT count(*) FROM report_packages')).toBe(packages);
    expect(count('SELECT count(*) FROM journal')).toBe(journal);
    expect(readdirSync(join(core.dataDir, 'reports', MONTH)).sort()).toEqual(files);
  });
});

/** A list of `extra` people not on the ledger (Beijing numbers) around every person of the ledger. */
function bigList(extra: number): { csv: string; onLedger: number } {
  const people = core.ledger.raw.prepare('SELECT name, id_number FROM people WHERE id_number IS NOT NULL').all() as {
    name: string;
    id_number: string;
  }[];
  const lines = ['序号,姓名,身份证号码,备注'];
  let n = 0;
  for (let i = 0; i < extra; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const first17 = `110101${1950 + (i % 50)}0${1 + (i % 9)}${day}${String(100 + (i % 800)).padStart(3, '0')}`;
    lines.push(`${++n},外地人${i},${first17}${idCheckChar(first17)},外省名单`);
    if (i % 10 === 0 && people[i / 10]) lines.push(`${++n},${people[i / 10]!.name},${people[i / 10]!.id_number},`);
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, onLedger: Math.min(people.length, Math.ceil(extra / 10)) };
}

describe('comparison in a worker thread', () => {
  it('answers a simple call and shows progress while a large list is compared; the hits become work items', async () => {
    const { csv, onLedger } = bigList(40_000);
    const data = Buffer.from(csv, 'utf8').toString('base64');
    const { order, seen, me, result } = await whileRunning<{
      rows: number;
      hits: unknown[];
      notOnLedger: number;
      batchId: string;
    }>('compare.run', { list: 'deaths', fileName: '外省死亡名单.csv', data });
    expect(me.data.username).toBe('admin');
    expect(order).toEqual(['work.progress', 'auth.me', 'compare.run']);
    expect(seen?.step).toMatch(/准备中|读取名单|逐行比对/);
    expect(result.ok).toBe(true);
    expect(result.data.rows).toBe(40_000 + onLedger);
    expect(result.data.hits.length + result.data.notOnLedger).toBe(result.data.rows);
    expect(result.data.hits.length).toBeGreaterThan(0);
    expect(count(`SELECT count(*) FROM compare_hits WHERE batch_id = '${result.data.batchId}'`)).toBe(
      result.data.hits.length,
    );
  }, 180_000);

  it('a worker that fails gives a Chinese message and writes nothing', async () => {
    const batches = count('SELECT count(*) FROM compare_batches');
    const journal = count('SELECT count(*) FROM journal');
    useWorkerEntry(join(FIXTURES, 'throws.mjs'));
    const data = Buffer.from('姓名,身份证号码\r\n张三,110101195001011234\r\n', 'utf8').toString('base64');
    const r = await api('compare.run', { list: 'deaths', fileName: '名单.csv', data });
    expect(r.ok).toBe(false);
    expect(r.error.message).toBe(
      '数据比对的后台计算意外中止，台账和文件均未改动。请重试；如仍出错，请联系管理员查看日志',
    );
    expect(count('SELECT count(*) FROM compare_batches')).toBe(batches);
    expect(count('SELECT count(*) FROM journal')).toBe(journal);
    expect(existsSync(join(core.dataDir, 'compare'))).toBe(false);
  });

  it('a worker that cannot start: the comparison runs on this thread and is kept', async () => {
    const batches = count('SELECT count(*) FROM compare_batches');
    useWorkerEntry(join(FIXTURES, 'no-such-worker.mjs'));
    const person = core.ledger.raw.prepare('SELECT name, id_number FROM people LIMIT 1').get() as {
      name: string;
      id_number: string;
    };
    const data = Buffer.from(`姓名,身份证号码\r\n${person.name},${person.id_number}\r\n`, 'utf8').toString('base64');
    const r = await api<{ rows: number }>('compare.run', { list: 'deaths', fileName: '一人名单.csv', data });
    expect(r.ok).toBe(true);
    expect(r.data.rows).toBe(1);
    expect(count('SELECT count(*) FROM compare_batches')).toBe(batches + 1);
  });
});
