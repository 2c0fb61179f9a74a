// Every release leaves a ledger it made in test/fixtures/ledgers/. The current code must open each one, migrate it
// in one transaction, pass `check`, and show the same records a clerk entered under the old release.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/main/cli/index';
import type { CliIO } from '../../../src/main/cli/command';
import { startCore } from '../../../src/main/core';
import { makeCaller } from '../../helpers/ledger';
import { ensureDivisions } from '../../helpers/divisions';

const FIXTURES = join(__dirname, '../../fixtures/ledgers');
/** The fixtures' administrator password (see test/fixtures/ledgers/README.md). */
const FIXTURE_PASSWORD = 'fixture-admin-1';

function capture(): CliIO & { text: () => string } {
  const lines: string[] = [];
  return {
    out: (t) => void lines.push(t),
    err: (t) => void lines.push(t),
    askSecret: async () => null,
    text: () => lines.join('\n'),
  };
}

function counts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      households: n('households'),
      people: n('people'),
      cases: n('cases'),
      facilities: n('facilities'),
      orgs: n('orgs'),
    };
  } finally {
    db.close();
  }
}

const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.ledger'));
let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('ledgers made by earlier releases', () => {
  it('has at least the 0.1.0 ledger', () => {
    expect(fixtures).toContain('v0.1.0.ledger');
  });

  for (const name of fixtures) {
    it(`${name} opens, migrates, passes check and keeps its records`, async () => {
      ensureDivisions();
      dir = mkdtempSync(join(tmpdir(), 'civil-ledger-upgrade-'));
      const path = join(dir, name);
      copyFileSync(join(FIXTURES, name), path);
      const before = counts(path);
      expect(before.households).toBeGreaterThan(0);

      const core = await startCore({ dbPath: path });
      try {
        const r = await core.dispatcher.dispatch({
          method: 'auth.login',
          input: { username: 'admin', password: FIXTURE_PASSWORD },
        });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const admin = makeCaller(core, (r.data as { session: string }).session);
        const list = await admin.call('households.list', { offset: 0, limit: 5 } as never);
        expect((list as { total: number }).total).toBe(before.households);
      } finally {
        await core.close();
      }

      const io = capture();
      const code = await main(['check', '--db', path], io);
      expect(io.text()).not.toMatch(/✗/);
      expect(code).toBe(0);
      // Migrating adds tables and columns; it never loses a record.
      const after = counts(path);
      for (const [table, n] of Object.entries(before)) expect(after[table], table).toBeGreaterThanOrEqual(n);
      expect(after.households).toBe(before.households);
      expect(after.people).toBe(before.people);
    });
  }
});
