// Issue 23.6: two programs taking the ledger lock at the same moment must never both hold it. Two long-lived child
// processes are told "take" at once, many rounds over; each answers whether it holds the lock, and only after both
// have answered are they told to release — so two HELD answers in a round would be two simultaneous holders.
// Half the rounds start with a stale lock (a process that has ended, the file a minute old) that both race to take
// over; a few start with a dead process's lock written just now, which must not be taken over at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { lockPathFor } from '../../../src/main/ledger/backup/lock';

const ROUNDS = Number(process.env.LOCK_RACE_ROUNDS ?? 300);
const CHILD = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'node_modules',
  '.cache',
  'civil-ledger-lock',
  `c-${process.pid}.mjs`,
);

interface Peer {
  proc: ChildProcess;
  lines: Interface;
  next(): Promise<string>;
}

function startPeer(): Peer {
  const proc = spawn(process.execPath, [CHILD], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: proc.stdout! });
  const queue: string[] = [];
  const waiters: ((l: string) => void)[] = [];
  lines.on('line', (l) => {
    const w = waiters.shift();
    if (w) w(l);
    else queue.push(l);
  });
  return {
    proc,
    lines,
    next: () => new Promise((r) => (queue.length > 0 ? r(queue.shift()!) : waiters.push(r))),
  };
}

let dir: string;
let peers: Peer[] = [];
let deadPid: number;
beforeAll(async () => {
  mkdirSync(join(CHILD, '..'), { recursive: true });
  await build({
    entryPoints: [join(import.meta.dirname, 'lock-race-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: CHILD,
    logLevel: 'error',
  });
  dir = mkdtempSync(join(tmpdir(), 'civil-ledger-lockrace-'));
  const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => gone.on('exit', r));
  deadPid = gone.pid!;
  peers = [startPeer(), startPeer()];
  for (const p of peers) expect(await p.next()).toBe('READY');
});
afterAll(() => {
  for (const p of peers) p.proc.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  rmSync(CHILD, { force: true });
});

test(`${ROUNDS} rounds of two processes taking the lock at once: never two holders`, async () => {
  let bothHeld = 0;
  let noneHeld = 0;
  let takenOver = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const ledger = join(dir, `r${round}.ledger`);
    const stale = round % 2 === 1;
    if (stale) {
      const lock = lockPathFor(ledger);
      writeFileSync(lock, JSON.stringify({ pid: deadPid, host: hostname(), since: '2025-01-01T00:00:00Z', app: 'x' }));
      const old = new Date(Date.now() - 60_000);
      utimesSync(lock, old, old);
    }
    for (const p of peers) p.proc.stdin!.write(`take ${ledger}\n`);
    const answers = await Promise.all(peers.map((p) => p.next()));
    const holders = answers.filter((a) => a === 'HELD').length;
    if (holders === 2) bothHeld++;
    if (holders === 0) noneHeld++;
    if (stale && holders === 1) takenOver++;
    for (const p of peers) p.proc.stdin!.write('release\n');
    for (const p of peers) expect(await p.next()).toBe('RELEASED');
  }
  expect({ bothHeld, noneHeld }).toEqual({ bothHeld: 0, noneHeld: 0 });
  expect(takenOver).toBe(Math.floor(ROUNDS / 2));
}, 240_000);

test('a lock just written by a process that has ended is not taken over before it is a few seconds old', async () => {
  const ledger = join(dir, 'young.ledger');
  writeFileSync(
    lockPathFor(ledger),
    JSON.stringify({ pid: deadPid, host: hostname(), since: new Date().toISOString(), app: 'x' }),
  );
  const startedAt = Date.now();
  peers[0]!.proc.stdin!.write(`take ${ledger}\n`);
  expect(await peers[0]!.next()).toBe('HELD');
  // The lock was waited out, not removed at first sight (the only way this test measures time).
  expect(Date.now() - startedAt).toBeGreaterThanOrEqual(4000);
  peers[0]!.proc.stdin!.write('release\n');
  expect(await peers[0]!.next()).toBe('RELEASED');
}, 30_000);
