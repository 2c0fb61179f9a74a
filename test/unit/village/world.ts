// Shared set-up of the village tests: an office ledger with households in two villages, village copies made through
// the office's API (村级副本 screen's method), each opened as its own core with the 协理员 logged in.
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startCore, type Core } from '../../../src/main/core';
import { readRecords, villageRecords } from '../../../src/main/ledger/village/back';
import { canonical } from '../../../src/main/ledger/village/canonical';
import type { VillageImportView } from '../../../src/shared/api/village';
import { login, PASSWORD, type Caller } from '../../helpers/ledger';
import { household, member, setup, type Ctx } from '../cases/fixtures';

export interface Copy {
  id: string;
  core: Core;
  path: string;
  village: Caller;
  /** Exports the copy's change file (village.exportChanges, as the copy's screen does). */
  export(): Promise<string>;
  /** Imports a return file in the copy. */
  importReturn(text: string): Promise<string>;
}

export interface World {
  c: Ctx;
  a1: Awaited<ReturnType<typeof household>>;
  a2: Awaited<ReturnType<typeof household>>;
  b1: Awaited<ReturnType<typeof household>>;
  copies: Copy[];
  makeCopy(villageId: string, login: string): Promise<Copy>;
  /** Imports a change file at the office (village.import as the reviewer). */
  importAtOffice(text: string): Promise<VillageImportView>;
  returnFor(copy: Copy): Promise<string>;
  officeHash(): string;
  close(): Promise<void>;
}

export async function makeWorld(): Promise<World> {
  const c = await setup('2025-03-03');
  const a1 = await household(c, [member('周一', '1960-01-01', 'M', '户主')]);
  const a2 = await household(c, [member('周二', '1962-02-02', 'F', '户主')]);
  const b1 = await household(c, [member('吴三', '1970-03-03', 'M', '户主')], 1_200_000, c.village2Id);
  const copies: Copy[] = [];
  const w: World = {
    c,
    a1,
    a2,
    b1,
    copies,
    async makeCopy(villageId, username) {
      const made = await c.t.admin.call('village.makeCopy', {
        villages: [villageId],
        login: username,
        loginName: `协理员${username}`,
        password: PASSWORD,
      });
      const core = await startCore({ dbPath: made.path, now: c.clock.now });
      const village = await login(core, username);
      const copy: Copy = {
        id: made.copyId,
        core,
        path: made.path,
        village,
        export: async () => (await village.call('village.exportChanges', {})).text,
        importReturn: async (text) => (await village.call('village.importReturn', { text })).summary,
      };
      copies.push(copy);
      return copy;
    },
    importAtOffice: (text) => c.t.reviewer.call('village.import', { text }),
    async returnFor(copy) {
      return (await c.t.reviewer.call('village.exportReturn', { copyId: copy.id })).text;
    },
    officeHash() {
      c.t.core.ledger.raw.pragma('wal_checkpoint(TRUNCATE)');
      return createHash('sha256').update(readFileSync(c.t.dbPath)).digest('hex');
    },
    async close() {
      for (const x of copies) await x.core.close();
      await c.t.close();
    },
  };
  return w;
}

/** Each table of a copy's village records, rows in a stable order: what "agree record by record" compares. */
export function recordsOfCopy(copy: Copy): Record<string, string[]> {
  return normalise(readRecords(copy.core.ledger.raw));
}

export function recordsAtOffice(w: World, villageIds: string[]): Record<string, string[]> {
  return normalise(villageRecords(w.c.t.core.ledger, villageIds));
}

function normalise(r: ReturnType<typeof readRecords>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(r).map(([t, v]) => [
      t,
      v.rows.map((row) => canonical(Object.fromEntries(v.columns.map((col, i) => [col, row[i] ?? null])))).sort(),
    ]),
  );
}

export function hhUpdate(
  villageId: string,
  h: {
    household: { id: string; version: number; address?: string | null; phone?: string | null; annualIncomeFen: number };
  },
  patch: { address?: string; phone?: string; annualIncomeFen?: number },
) {
  return {
    id: h.household.id,
    version: h.household.version,
    villageId,
    hukouType: 'rural' as const,
    address: patch.address ?? h.household.address ?? null,
    phone: patch.phone ?? h.household.phone ?? null,
    annualIncomeFen: patch.annualIncomeFen ?? h.household.annualIncomeFen,
    bankName: '农业银行',
  };
}

export { join, member };
