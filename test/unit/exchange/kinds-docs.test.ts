// docs/IMPORT.md documents each register's synonym table; this keeps the page and the code (exchange/kinds/*.ts) in
// step: every field's label and every synonym the importer recognises is listed in that kind's table, and nothing
// else is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTER_KINDS } from '../../../src/main/ledger/exchange/kinds';

const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'IMPORT.md'), 'utf8');

function tableOf(kind: string): Map<string, { label: string; synonyms: string[] }> {
  const start = doc.indexOf(`(\`--kind ${kind}\`)`);
  expect(start, `docs/IMPORT.md has a section for --kind ${kind}`).toBeGreaterThan(0);
  const rest = doc.slice(start);
  const end = rest.slice(1).search(/\n#{2,3} /);
  const out = new Map<string, { label: string; synonyms: string[] }>();
  for (const line of (end < 0 ? rest : rest.slice(0, end + 1)).split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !/^[a-zA-Z]+$/.test(cells[1] ?? '') || cells[1] === 'field') continue;
    const syn = cells[3] ?? '';
    out.set(cells[1] ?? '', { label: cells[2] ?? '', synonyms: syn === '—' ? [] : syn.split(/,\s*/) });
  }
  return out;
}

describe('docs/IMPORT.md lists each register kind’s columns and synonyms as the importer reads them', () => {
  for (const [kind, def] of Object.entries(REGISTER_KINDS)) {
    it(kind, () => {
      const table = tableOf(kind);
      const expected = new Map(
        (def?.spec.fields ?? []).map((f) => [
          f.key,
          { label: f.label, synonyms: f.synonyms.filter((s) => s !== f.label) },
        ]),
      );
      expect(Object.fromEntries(table)).toEqual(Object.fromEntries(expected));
    });
  }
});
