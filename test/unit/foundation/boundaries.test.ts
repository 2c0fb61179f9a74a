// Capability boundaries (docs/ARCHITECTURE.md, "Capabilities and their boundaries"): eslint's local rule
// ledger/capability-boundaries refuses a deep import into another capability, an import into a capability that is
// not in a lower layer, and a runtime import of a capability by the foundation. The code is linted as if it were a
// file of the named capability (the file need not exist).
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { expect, test } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, 'src/main/ledger', file) });
  return result!.messages.filter((m) => m.ruleId === 'ledger/capability-boundaries').map((m) => m.message);
}

test('another capability is imported through its index, from a layer below', async () => {
  expect(
    await boundaryErrors(
      'lifeevents/example.ts',
      "import { getCaseSettings } from '../cases';\nimport type { PeopleTable } from '../people';\n" +
        "import { todayOf } from '../kernel';\nimport { newId } from '../ids';\n" +
        'export const used = [getCaseSettings, todayOf, newId];\nexport type P = PeopleTable;\n',
    ),
  ).toEqual([]);
});

test('a deep import into another capability is refused, naming the index to use', async () => {
  expect(
    await boundaryErrors(
      'lifeevents/example.ts',
      "import { loadCase } from '../cases/caseops';\nexport const used = loadCase;\n",
    ),
  ).toEqual([
    "Import cases through its index ('../cases'), not '../cases/caseops'; export what you need from cases/index.ts.",
  ]);
  expect(await boundaryErrors('exchange/kinds/example.ts', "export { orgView } from '../../orgs/views';\n")).toEqual([
    "Import orgs through its index ('../../orgs'), not '../../orgs/views'; export what you need from orgs/index.ts.",
  ]);
});

test('an import into a capability that is not in a lower layer is refused, also a type-only one', async () => {
  const upward = await boundaryErrors(
    'people/example.ts',
    "import type { CasesTable } from '../cases';\nexport type C = CasesTable;\n",
  );
  expect(upward).toHaveLength(1);
  expect(upward[0]).toContain('people may not import cases');
  const sameLayer = await boundaryErrors('cases/example.ts', "import { x } from '../village';\nexport const y = x;\n");
  expect(sameLayer[0]).toContain('cases may not import village');
});

test('the foundation imports no capability at run time; db/schema.ts combines their table types', async () => {
  expect(
    await boundaryErrors(
      'kernel/example.ts',
      "import { recordDeath } from '../lifeevents';\nexport const r = recordDeath;\n",
    ),
  ).toEqual(["The foundation (kernel) imports no capability: '../lifeevents'."]);
  expect(
    await boundaryErrors(
      'db/example.ts',
      "import type { AssistanceTables } from '../cases';\nexport type A = AssistanceTables;\n",
    ),
  ).toEqual([]);
});

test('db, journal and the kernel are imported through their indexes, except inside the foundation', async () => {
  expect(
    await boundaryErrors(
      'cases/example.ts',
      "import { updateVersioned } from '../kernel/write';\nexport const u = updateVersioned;\n",
    ),
  ).toEqual([
    "Import kernel through its index ('../kernel'), not '../kernel/write'; export what you need from kernel/index.ts.",
  ]);
  expect(
    await boundaryErrors(
      'journal/example.ts',
      "import { writeFileAtomic } from '../kernel/files';\nexport const w = writeFileAtomic;\n",
    ),
  ).toEqual([]);
});

test('code outside the core (API layer, hosts, CLI) reaches a capability through its index only', async () => {
  const [result] = await eslint.lintText(
    "import { runBackup } from '../../ledger/backup/backup';\nexport const r = runBackup;\n",
    {
      filePath: resolve(ROOT, 'src/main/cli/commands/example.ts'),
    },
  );
  expect(result!.messages.filter((m) => m.ruleId === 'ledger/capability-boundaries').map((m) => m.message)).toEqual([
    "Import backup through its index ('../../ledger/backup'), not '../../ledger/backup/backup'; export what you need from backup/index.ts.",
  ]);
});
