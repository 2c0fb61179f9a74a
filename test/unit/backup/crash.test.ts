// Crash safety: a process writing to the ledger is killed with SIGKILL at random moments (no chance to clean up, as
// in a power cut or a killed task), then the ledger is reopened the way the app opens it. Every time: the stale lock
// is taken over, integrity_check is ok, the journal chain holds, every acknowledged write is there, and every
// multi-row operation is all there or not there at all.
//
// CRASH_ITERATIONS sets the number of kills (default 20 for `npm test`; `npm run test:crash` runs 200).
// CRASH_SEED replays a run (the seed is printed in every failure message).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startCore } from '../../../src/main/core';
import { lockPathFor } from '../../../src/main/ledger/backup/lock';
import { verifyJournal } from '../../../src/main/ledger/journal';
import { ensureDivisions } from '../../helpers/divisions';
import { makeTestCore } from '../../helpers/ledger';

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 20);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
const CHILD_SOURCE = join(import.meta.dirname, 'crash-child.ts');
// The child is bundled once (esbuild, which tsx and vite already bring): starting it then takes a fraction of a
// second instead of several under tsx, so more kills fit in the time budget. Bundled inside the project so the one
// external module (better-sqlite3, native) resolves from node_modules.
const CHILD = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'node_modules',
  '.cache',
  'civil-ledger-crash',
  `child-${process.pid}.mjs`,
);
const BATCH_SIZE = 25;
// Rows the child wrote (set-up seeds the township's villages with one journal entry for the lot, so those are not
// checked row by row).
const CHILD_VILLAGE = `(v.name GLOB '村[kf][0-9]*x*' OR v.name GLOB '批*')`;
const CHILD_USER = `u.username GLOB '[kf][0-9]*x*u*'`;

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with CRASH_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);

interface Acks {
  villages: string[];
  users: string[];
  batches: string[];
  setup: boolean;
}

/**
 * Runs the child and kills it with SIGKILL `delayMs` after it said READY — or, with `from: 'write'`, after its first
 * acknowledged write, so that the kill lands while it is writing however slow the machine is (on a loaded CI machine
 * a fixed time after READY often ended before the first write was through).
 */
function runAndKill(
  dbPath: string,
  prefix: string,
  delayMs: number,
  mode?: 'init',
  from: 'ready' | 'write' = 'ready',
): Promise<Acks & { stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dbPath, prefix, ...(mode ? [mode] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CIVIL_LEDGER_FAST_HASH: '1' },
    });
    const acks: Acks = { villages: [], users: [], batches: [], setup: false };
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1); // a half-printed last line is not an acknowledgement
        const [tag, kind, key] = line.split(' ');
        const armed = from === 'ready' ? tag === 'READY' : tag === 'ACK' && kind !== 'setup';
        if (armed && !timer) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
        if (tag === 'READY') continue;
        else if (tag === 'ACK' && kind === 'village' && key) acks.villages.push(key);
        else if (tag === 'ACK' && kind === 'user' && key) acks.users.push(key);
        else if (tag === 'ACK' && kind === 'batch' && key) acks.batches.push(key);
        else if (tag === 'ACK' && kind === 'setup') acks.setup = true;
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`child ended on its own (code ${code}): ${stderr.slice(-2000)}`));
      else resolve({ ...acks, stderr });
    });
  });
}

interface Verdict {
  integrity: string;
  journal: string;
  missing: string[];
  partialBatches: string[];
  unjournalled: number;
  orphanEntries: number;
}

/** Reopens the ledger as the app does and checks everything the test promises. */
async function reopenAndCheck(dbPath: string, acked: Acks): Promise<Verdict> {
  const core = await startCore({ dbPath }); // also proves the dead process's lock is taken over
  try {
    const raw = core.ledger.raw;
    const integrity = (raw.pragma('integrity_check', { simple: false }) as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const journal = verifyJournal(raw);
    const villageNames = new Set(raw.prepare('SELECT name FROM villages').pluck().all() as string[]);
    const usernames = new Set(raw.prepare('SELECT username FROM users').pluck().all() as string[]);
    const missing = [
      ...acked.villages.filter((n) => !villageNames.has(n)).map((n) => `village ${n}`),
      ...acked.users.filter((n) => !usernames.has(n)).map((n) => `user ${n}`),
    ];
    // Batches: count per tag must be 0 or BATCH_SIZE; an acknowledged one must be complete.
    const counts = raw
      .prepare(
        `SELECT substr(name, 2, instr(name, '-') - 2) AS tag, count(*) AS n FROM villages WHERE name LIKE '批%' GROUP BY tag`,
      )
      .all() as { tag: string; n: number }[];
    const byTag = new Map(counts.map((c) => [c.tag, c.n]));
    const partialBatches = counts.filter((c) => c.n !== BATCH_SIZE).map((c) => `${c.tag}=${c.n}`);
    for (const tag of acked.batches) if (byTag.get(tag) !== BATCH_SIZE) missing.push(`batch ${tag}`);
    // Each row with its journal entry, each entry with its row (written in one transaction, so never one alone).
    const unjournalled =
      (raw
        .prepare(
          `SELECT count(*) FROM villages v WHERE ${CHILD_VILLAGE} AND NOT EXISTS (SELECT 1 FROM journal j WHERE j.entity = 'villages' AND j.entity_id = v.id)`,
        )
        .pluck()
        .get() as number) +
      (raw
        .prepare(
          `SELECT count(*) FROM users u WHERE ${CHILD_USER} AND NOT EXISTS (SELECT 1 FROM journal j WHERE j.entity = 'users' AND j.entity_id = u.id)`,
        )
        .pluck()
        .get() as number);
    const orphanEntries =
      (raw
        .prepare(
          `SELECT count(*) FROM journal j WHERE j.action = 'village.create' AND NOT EXISTS (SELECT 1 FROM villages v WHERE v.id = j.entity_id)`,
        )
        .pluck()
        .get() as number) +
      (raw
        .prepare(
          `SELECT count(*) FROM journal j WHERE j.action = 'user.create' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = j.entity_id)`,
        )
        .pluck()
        .get() as number);
    return {
      integrity,
      journal: journal.message.startsWith('操作日志完整') ? 'ok' : journal.message,
      missing,
      partialBatches,
      unjournalled,
      orphanEntries,
    };
  } finally {
    await core.close();
  }
}

const OK: Omit<Verdict, 'journal'> & { journal: string } = {
  integrity: 'ok',
  journal: 'ok',
  missing: [],
  partialBatches: [],
  unjournalled: 0,
  orphanEntries: 0,
};

let dir: string;
let dbPath: string;
beforeAll(async () => {
  ensureDivisions();
  mkdirSync(join(CHILD, '..'), { recursive: true });
  await build({
    entryPoints: [CHILD_SOURCE],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: CHILD,
    external: ['better-sqlite3'],
    // CommonJS dependencies inside an ES module bundle still need `require` for Node built-ins.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'error',
  });
  const t = await makeTestCore();
  dir = t.dir;
  dbPath = t.dbPath;
  await t.core.close(); // the helper's folder is kept; removed in afterAll
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(CHILD, { force: true });
});

test(
  `a writer killed with SIGKILL at ${ITERATIONS} random moments never loses an acknowledged write nor half a transaction`,
  { timeout: 60_000 + ITERATIONS * 8_000 },
  async () => {
    const all: Acks = { villages: [], users: [], batches: [], setup: true };
    let writesAfterKill = 0;
    for (let it = 0; it < ITERATIONS; it++) {
      const delay = Math.floor(5 + random() * 250);
      const r = await runAndKill(dbPath, `k${it}x`, delay, undefined, 'write');
      expect(existsSync(lockPathFor(dbPath)), 'the killed process leaves its lock behind').toBe(true);
      all.villages.push(...r.villages);
      all.users.push(...r.users);
      all.batches.push(...r.batches);
      writesAfterKill += r.villages.length + r.users.length + r.batches.length;
      const verdict = await reopenAndCheck(dbPath, all);
      expect(verdict, `iteration ${it}, kill after ${delay} ms, CRASH_SEED=${SEED}`).toEqual(OK);
    }
    // The test means something only if the kills landed while writing: each kill's clock starts at a write the
    // child acknowledged, so every iteration wrote, and the child keeps writing until it is killed.
    expect(writesAfterKill, `CRASH_SEED=${SEED}`).toBeGreaterThanOrEqual(ITERATIONS);
  },
);

test(
  'a ledger whose first run is killed (before any checkpoint) opens again as our ledger',
  { timeout: 120_000 },
  async () => {
    for (let it = 0; it < 3; it++) {
      const fresh = join(mkdtempSync(join(tmpdir(), 'civil-ledger-crash-')), 'first.ledger');
      try {
        const r = await runAndKill(fresh, `f${it}x`, Math.floor(20 + random() * 400), 'init');
        const verdict = await reopenAndCheck(fresh, { ...r, setup: r.setup });
        expect(verdict, `first run, iteration ${it}, CRASH_SEED=${SEED}`).toEqual(OK);
      } finally {
        rmSync(join(fresh, '..'), { recursive: true, force: true });
      }
    }
  },
);
