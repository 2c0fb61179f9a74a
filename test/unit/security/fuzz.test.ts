// Fuzzing the dispatcher with random payloads, the way a hostile page or a broken client might call it: every call
// gets a structured answer with a Chinese message, nothing crashes, no handler fails internally on input the schema
// let through, and a refused call writes nothing (the journal does not move).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { api } from '../../../src/shared/api';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

const SEED = Number(process.env.FUZZ_SEED ?? 20250310);
const CALLS = Number(process.env.FUZZ_CALLS ?? 3000);

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
const rnd = prng(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const KEYS = [
  'id',
  'version',
  'name',
  'kind',
  'username',
  'password',
  'role',
  'month',
  'offset',
  'limit',
  'query',
  'reason',
  'caseId',
  'personId',
  'householdId',
  'villageId',
  'idNumber',
  'amountFen',
  'status',
  'category',
  'date',
  'items',
  'rows',
  'file',
  'data',
  'include',
  'townshipCode',
  'admin',
  'parent',
  'street',
  '__proto__',
  'constructor',
  'prototype',
] as const;
const STRINGS = [
  '',
  ' ',
  'x',
  '张三',
  '110101199003074258',
  '11010119900307425X',
  '2025-03',
  '2025-13',
  '2025-02-30',
  '0',
  '-1',
  'village',
  'community',
  'clerk',
  'reviewer',
  '321202001',
  '3212',
  "'; DROP TABLE journal; --",
  '<img src=x onerror=1>',
  '../../../etc/passwd',
  '\u0000',
  '\u202e',
  '１２３',
  'ｘ',
  'a'.repeat(5000),
  '🙂',
  'null',
  'true',
  '{}',
  '01890000-0000-7000-8000-000000000000',
] as const;

function value(depth: number): unknown {
  const r = rnd();
  if (r < 0.15) return pick(STRINGS);
  if (r < 0.25) return pick([0, 1, -1, 2 ** 31, 2 ** 53, -(2 ** 53), 1.5, 1e308, -0]);
  if (r < 0.3) return pick([true, false, null]);
  if (r < 0.4 && depth < 3) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
  if (r < 0.7 && depth < 3) return object(depth + 1);
  return pick(STRINGS);
}

function object(depth: number): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const n = Math.floor(rnd() * 5);
  for (let i = 0; i < n; i++)
    Object.defineProperty(o, pick(KEYS), { value: value(depth), enumerable: true, configurable: true, writable: true });
  return o;
}

const specs = api as unknown as Record<
  string,
  { write: boolean; input: { safeParse(v: unknown): { success: boolean } } }
>;
// Left out: logging the fuzzer out only shortens the run; a write method that needs no input at all (backups.run)
// legitimately succeeds on `{}` and would only be exercised for its side effect.
const methods = Object.keys(api).filter(
  (m) => m !== 'auth.logout' && !(specs[m]!.write && specs[m]!.input.safeParse({}).success),
);
const CODES = ['BAD_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RULE', 'UNKNOWN_METHOD'];

let t: TestCore;
beforeAll(async () => {
  t = await makeTestCore();
});
afterAll(async () => {
  await t.close();
});

test(
  `${CALLS} random calls (seed ${SEED}): structured refusals, no crash, no write`,
  { timeout: 300_000 },
  async () => {
    const journal = () => t.core.ledger.raw.prepare('SELECT count(*) FROM journal').pluck().get() as number;
    const sessions = [t.admin.session, t.clerk.session, undefined, 'not-a-session', ''];
    const accepted: string[] = [];
    for (let i = 0; i < CALLS; i++) {
      const method =
        rnd() < 0.05
          ? pick(['', 'constructor', '__proto__', 'toString', 'users.drop', 'a'.repeat(500)])
          : pick(methods);
      // What a transport delivers has been through JSON (HTTP) or structured clone (IPC).
      const raw = rnd() < 0.1 ? value(0) : object(0);
      const input = raw === undefined ? undefined : (JSON.parse(JSON.stringify(raw)) as unknown);
      const session = pick(sessions);
      const before = journal();
      let r;
      try {
        r = await t.core.dispatcher.dispatch({ method, input, session });
      } catch (e) {
        throw new Error(`call ${i} ${method} threw instead of answering (FUZZ_SEED=${SEED}): ${String(e)}`);
      }
      const where = `call ${i}: ${method.slice(0, 40)} ${JSON.stringify(input)?.slice(0, 200)} (FUZZ_SEED=${SEED})`;
      if (r.ok) {
        accepted.push(method);
        continue;
      }
      expect(CODES, `${where} -> ${r.error.code} ${r.error.message}`).toContain(r.error.code);
      expect(r.error.message, where).toMatch(/[\u4e00-\u9fff]/);
      expect(journal(), `${where}: a refused call wrote to the journal`).toBe(before);
    }
    // Only reads (or harmless public calls) may get through random input.
    const writes = accepted.filter((m) => specs[m]?.write);
    expect(writes, `random input was accepted by write methods (FUZZ_SEED=${SEED})`).toEqual([]);
  },
);
