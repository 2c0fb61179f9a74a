// Where each household of a case-ledger sheet starts (序号, 户号, 户主 rows, empty rows, 户主姓名), and the rule the
// preview quotes for the sheet.
import type { CellValue } from './cells';
import type { CaseField } from './fields';
import type { HeaderResult } from './header';
import type { ImportProblem } from './problems';
import { cjkJoin } from './cases-block';
import type { RawRow } from './cases-types';
import { text } from './values';

const HEAD_RELATION = /^(户主|本人|户主本人)$/;
const keyText = (v: CellValue | undefined): string => text(v).replace(/\s/g, '');

/**
 * Where each household starts, decided from how the sheet is laid out (not from 户主姓名 alone, which neighbours
 * share: 王建国 next to another 王建国). In order of strength:
 * 1. a 户号/户编号 column: a new value starts a household (rows with the same or an empty value continue it);
 * 2. a 序号 column numbered per household (empty or repeated below the first member): a new value starts one;
 *    a 序号 that differs on every row while the sheet lists non-head members is numbered per person and ignored;
 * 3. without either: a 户主 row (与户主关系 = 户主/本人), and an empty row between households;
 * 4. with none of these: a change of 户主姓名; with nothing at all, every row is a household.
 * A second 户主 row inside one numbered household is read as the start of another (said so as a notice); 户主姓名
 * is otherwise only a check (buildBlock reports a member whose 户主姓名 differs from the household's).
 */
export function groupHouseholds(
  sheet: string,
  header: HeaderResult<CaseField>,
  rows: RawRow[],
  problems: ImportProblem[],
): { blocks: RawRow[][]; rule: string } {
  const cell = (r: RawRow, f: CaseField): CellValue | undefined => {
    const i = header.byField.get(f);
    return i === undefined ? undefined : r.cells[i];
  };
  const has = (f: CaseField): boolean => header.byField.has(f);
  const isHeadRow = (r: RawRow): boolean =>
    has('relation') && HEAD_RELATION.test(text(cell(r, 'relation')).replace(/\s/g, ''));
  const headNameOf = (r: RawRow): string => cjkJoin(text(cell(r, 'headName')));
  const notice = (row: number, message: string): void => {
    problems.push({ sheet, row, column: null, value: null, message, severity: 'warning' });
  };

  // A 序号 or 户号 column left empty on every data row (the column is printed but never filled) tells nothing.
  const filled = (f: 'seq' | 'householdNo'): boolean => has(f) && rows.some((r) => keyText(cell(r, f)) !== '');
  const emptyKeys = (['householdNo', 'seq'] as const).filter((f) => has(f) && !filled(f));
  const seqs = filled('seq') ? rows.map((r) => keyText(cell(r, 'seq'))) : [];
  const seqDiffersEveryRow = seqs.length > 1 && seqs.every((s, i) => s !== '' && (i === 0 || s !== seqs[i - 1]));
  const listsMembers =
    rows.some((r) => has('relation') && !isHeadRow(r) && text(cell(r, 'relation')) !== '') ||
    (has('headName') &&
      has('name') &&
      rows.some((r) => {
        const h = headNameOf(r);
        const n = cjkJoin(text(cell(r, 'name')));
        return h !== '' && n !== '' && h !== n;
      }));
  const seqPerPerson = seqDiffersEveryRow && listsMembers;
  const keyField: 'householdNo' | 'seq' | null = filled('householdNo')
    ? 'householdNo'
    : filled('seq') && !seqPerPerson
      ? 'seq'
      : null;
  const keyLabel = keyField === 'householdNo' ? '户号' : '序号';
  const byHeadRow = keyField === null && rows.some(isHeadRow);
  const byBlank = keyField === null && rows.some((r, i) => i > 0 && r.blankBefore);
  const byHeadName = keyField === null && !byHeadRow && has('headName');

  const parts: string[] = [];
  if (emptyKeys.length > 0) {
    parts.push(`“${emptyKeys.map((f) => (f === 'seq' ? '序号' : '户号')).join('”“')}”列全部为空，不用于分户`);
  }
  if (keyField === 'householdNo') {
    parts.push('按“户号”分户：户号相同或留空的行属于同一户');
    if (seqDiffersEveryRow) parts.push('“序号”按人编号，不用于分户');
  } else if (keyField === 'seq') {
    parts.push('按“序号”分户：新的序号开始新的一户，序号留空或相同的行属于同一户');
  } else {
    if (seqPerPerson) parts.push('“序号”每行不同且列有家庭成员，判断为按人编号，不用于分户');
    const by: string[] = [];
    if (byHeadRow) by.push('“与户主关系”为户主的行');
    if (byHeadName) by.push('“户主姓名”的变化');
    if (byBlank) by.push('空行');
    parts.push(
      by.length > 0 ? `按${by.join('和')}分户` : '每行一户（没有序号、户号、与户主关系或户主姓名列，也没有空行分隔）',
    );
  }
  if (has('headName') && !byHeadName) parts.push('“户主姓名”只用于核对');
  const rule = parts.join('；');

  const blocks: RawRow[][] = [];
  let current: RawRow[] | null = null;
  let currentKey = '';
  let currentHasHead = false;
  let currentHeadName = '';
  for (const r of rows) {
    const key = keyField ? keyText(cell(r, keyField)) : '';
    const headRow = isHeadRow(r);
    const headName = headNameOf(r);
    let startsNew = current === null;
    if (!startsNew && keyField) {
      if (key !== '' && key !== currentKey) startsNew = true;
      else if (headRow && currentHasHead) {
        startsNew = true;
        notice(
          r.row,
          `本行是第二个“户主”行，而${keyLabel}未变：按两户读入（自本行起为另一户）。如确是同一户，请改正“与户主关系”；如是另一户，请补上${keyLabel}`,
        );
      } else if (r.blankBefore) {
        notice(r.row, `本行上方有空行，但${keyLabel}${key === '' ? '为空' : '未变'}：按同一户读入`);
      }
    } else if (!startsNew) {
      if (!byHeadRow && !byHeadName && !byBlank) startsNew = true;
      else if (headRow && currentHasHead) startsNew = true;
      else if (byBlank && r.blankBefore) startsNew = true;
      else if (byHeadName && headName !== '' && headName !== currentHeadName) startsNew = true;
      else if (headRow && headName !== '' && currentHeadName !== '' && headName !== currentHeadName) startsNew = true;
    }
    if (startsNew || current === null) {
      current = [];
      blocks.push(current);
      currentKey = key;
      currentHasHead = false;
      currentHeadName = headName;
    }
    current.push(r);
    if (headRow) currentHasHead = true;
    if (currentHeadName === '') currentHeadName = headName;
    if (currentKey === '') currentKey = key;
  }
  return { blocks, rule };
}
