// Committed migrations are frozen: a ledger that already ran one will never run it again, so an edit after commit
// would leave old and new ledgers with different schemas under the same version (it happened to 0002 and 0005
// before this test). A schema change is a NEW migration file with the next number; this list gains its hash once
// that file is committed. Hashes are SHA-256 of the file as committed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const DIR = join(__dirname, '../../../src/main/ledger/db/migrations');

const FROZEN: Record<string, string> = {
  '0001_foundation.ts': '6d0d420856e4f3f023a830c3a3decbdaf676ef00eae07b228e230ab34a659c9a',
  '0002_assistance.ts': '1644ba3654c6e1be77ce3f7cc7766612eb78d7236afed01c3a62780996d40a09',
  '0003_elderly.ts': '657180ce59b112a321614fe98a459c35704d039707cffc87afaeec661e05ba3b',
  '0004_orgs.ts': '2b2c7ff2b8fd315ac4a92c703664d509c296109c3354f6c3b3a3c54fbf266966',
  '0005_periods.ts': '355eb3cfe00d27b45140bf323926a9f1766374c9345844a333aaf4932e4dff10',
  '0006_safety.ts': '0bb275c21ae585b8b82297ba023d4ce22b1e6051ef13485b559b2533e8ddd722',
  '0007_attachments.ts': '4a1b9a08cee283c6eb5da0c533ef06e91526e041e97faf2f26d04572be15a68c',
  '0008_lifeevents.ts': 'fa578ae72ff622d3320696cf905d4471c21fa5ac87add5b6c20678a2b0e6260d',
  '0009_request_log.ts': '9dc11cc4456058f8e20e970e6360f4f15a5f5f02fbccf66ee99ec77614d5d914',
  '0010_children.ts': 'ddbb6fd21e0e75d02264af9041fb68895f2d9db3b7d5ddc0bac5492d9dcc76f5',
  '0011_aid.ts': '8853967297fb89db6f7eda365afbd04b7cae030dc143db1de5daa2bfefdc72c6',
  '0012_village.ts': '04d3f7b0f4c385a9120a077d2cf032b60aae14179fa35f2f481751601f00d433',
  '0013_import_batches.ts': 'ef455d0eea9e89cb3c4bf6cae7925ea69b9c35dafad3576dfa530f0d033829e1',
  '0014_village_review.ts': 'd9792c6ff3db234efb9c466c55c502c47fdb57a8d2651c6c84d4e8a91bffe9a5',
  '0015_roll_updated.ts': '7698c11d1728896c7e286022448fbea363dab925b0d8d4c5e31ed37d352b16be',
  '0016_amounts_in_force.ts': 'd1d8afd1068462bae39d7c94843478ab6987687c2f26e1fbf2fac685e08c23f6',
  '0017_village_exchange.ts': '3058cc244f4b0f4463ce34b5d730c324718fce410b6482dece05c69e7a6bd6e1',
  '0018_figures_stamp.ts': 'd87b5215fe029dce8c243291b8b0771aee2db4b50db95e20f65349571a712815',
  '0019_household_order.ts': '26dc8ecc56b887b17e7cfef6392b841a8d0226e82769a7c8f196c1aa2790f3c6',
  '0020_report_case_log.ts': 'fa5d4ef7da1b78c3e38476dd16b52beeebd3b4dea125501904667bcc68d4ec9c',
  '0021_kept_figures_followed.ts': '795156b401b090a514b8dd085d151215472d25ca5d4495f9385072e50f201e79',
};

test('no committed migration has been edited', () => {
  const changed = Object.entries(FROZEN)
    .filter(
      ([name, hash]) =>
        createHash('sha256')
          .update(readFileSync(join(DIR, name)))
          .digest('hex') !== hash,
    )
    .map(([name]) => name);
  expect(changed, 'a committed migration was edited: put the change in a new migration file instead').toEqual([]);
});

test('new migrations only add higher numbers after the frozen ones', () => {
  const files = readdirSync(DIR).filter((f) => /^\d{4}_.*\.ts$/.test(f));
  for (const name of Object.keys(FROZEN)) expect(files).toContain(name);
  const lastFrozen = Math.max(...Object.keys(FROZEN).map((f) => Number(f.slice(0, 4))));
  const numbers = files.map((f) => Number(f.slice(0, 4)));
  expect(new Set(numbers).size, 'two migrations share a number').toBe(numbers.length);
  for (const f of files.filter((f) => !(f in FROZEN))) expect(Number(f.slice(0, 4))).toBeGreaterThan(lastFrozen);
});
