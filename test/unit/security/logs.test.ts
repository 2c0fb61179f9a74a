// No personal data in logs: an internal error whose own message carries the clerk's input (here an ID number and a
// name) is logged with the method name and stack frames only, and the clerk gets a generic message.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

const ID = '110101199003074258';
const NAME = '测试张三丰';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.close();
});

test('an internal error with an ID number in its message does not print it', async () => {
  // A fault deep in the database layer whose error message echoes the row being written — the worst case for a log.
  t.core.ledger.raw.function('leak', (name: unknown) => {
    throw new Error(`failed on ${String(name)} ${ID}`);
  });
  t.core.ledger.raw.exec(`CREATE TEMP TRIGGER fault BEFORE INSERT ON main.villages BEGIN SELECT leak(NEW.name); END`);
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  const r = await t.admin.try('villages.create', { name: `${NAME}${ID}`, kind: 'village' });
  vi.restoreAllMocks();

  expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: '内部错误，操作未保存。请联系管理员查看日志' } });
  const log = written.join('');
  expect(log).toContain('[civil-ledger] villages.create 内部错误 Error');
  expect(log).not.toContain(ID);
  expect(log).not.toContain(NAME);
  expect(log).not.toContain('199003'); // not even the birth-date digits
});
