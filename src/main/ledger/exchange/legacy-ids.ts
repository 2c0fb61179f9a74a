// A person's ID number written the old way or the new way: a 15-digit legacy number (1980s–1990s cards) and the
// 18-digit number it became (GB 11643: “19” inserted before the birth year, a check character appended). Ledgers
// kept for years hold both — the same person under either — so an import matches the ledger by either form.
import { otherIdForm, upgradeLegacyIdNumber } from '../../../shared/idcard';
import type { PeopleTable } from '../cases';
import type { CaseBlock } from './cases-types';
import type { ImportProblem } from './problems';

/** The one key a person has in a file, whichever form the row wrote: the 18-digit form when there is one. */
export function canonicalId(id: string): string {
  return id.length === 15 ? (upgradeLegacyIdNumber(id) ?? id) : id;
}

/**
 * A member whose number the ledger holds in the other form is the ledger's person: the member takes the number as
 * the ledger has it (so every lookup after this finds the person), with a notice on the row saying so.
 */
export function adoptLedgerIdForms(
  blocks: CaseBlock[],
  personByIdNumber: Map<string, PeopleTable>,
  problems: ImportProblem[],
): void {
  for (const b of blocks) {
    for (const m of b.members) {
      if (personByIdNumber.has(m.idNumber)) continue;
      const other = otherIdForm(m.idNumber);
      const p = other === null ? undefined : personByIdNumber.get(other);
      if (!p || other === null) continue;
      problems.push({
        sheet: m.sheet,
        row: m.row,
        column: '身份证号码',
        value: m.idNumber,
        message:
          m.idNumber.length === 15
            ? `旧版15位身份证号码，台账中${p.name}登记的是其18位号码 ${other}：按同一人导入`
            : `台账中${p.name}登记的是旧版15位号码 ${other}（即本行的18位号码）：按同一人导入；如需改为18位号码，请在人员页面修改`,
        severity: 'warning',
      });
      m.idNumber = other;
      m.legacy = other.length === 15;
    }
  }
}
