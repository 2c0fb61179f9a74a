// Case ledger rows -> households (blocks of member rows) with their case, and every problem by sheet, row and
// column. One row per person; household fields (村, 户主, 类别, 金额, 月份 …) may repeat on every member row, be
// merged, or be left blank below the first member. Pure data in, pure data out: the database is not touched here.
import type { Area, CaseCategory } from '../cases';
import { isCellProblem, type CellValue, type SheetRows } from './read';
import { CASE_FIELDS, caseFieldTable, type CaseField } from './fields';
import { cellText, detectHeader, previewColumns, type HeaderResult, type UserMapping } from './header';
import {
  isBlank,
  isTotalRow,
  parseAmountCell,
  parseAreaCell,
  parseCareGradeCell,
  parseCategoryCell,
  parseCountCell,
  parseDateCell,
  parseIdCell,
  parseMonthCell,
  parseRelationCell,
  parseSexCell,
  parseStatusCell,
  parseSupportModeCell,
  shownValue,
  text,
  type ImportStatus,
  type Parsed,
} from './values';
import type { VillageMatcher } from './villages';

export interface ImportProblem {
  sheet: string;
  /** Spreadsheet row number; null for a problem with the whole sheet or file. */
  row: number | null;
  /** "D（身份证号码）"; null when the problem is not about one column. */
  column: string | null;
  /** The value as seen in the cell. */
  value: string | null;
  message: string;
  severity: 'error' | 'warning';
  /** 'household': about a household field (reported once per household), for grouping in the preview. */
  scope?: 'household';
}

export interface MemberRow {
  sheet: string;
  row: number;
  name: string;
  idNumber: string;
  legacy: boolean;
  sex: 'M' | 'F';
  birthDate: string;
  relation: string;
}

export interface CaseBlock {
  sheet: string;
  /** Row numbers of the block, first is the household's first row. */
  rows: number[];
  villageId: string;
  villageName: string;
  headName: string;
  members: MemberRow[];
  /** Index into members of the household head. */
  head: number;
  category: CaseCategory;
  area: Area;
  singlePerson: boolean;
  supportMode: 'centralized' | 'dispersed' | null;
  careGrade: 'full' | 'partial' | 'none' | null;
  amountFen: number | null;
  baseFen: number;
  supplementFen: number;
  appliedOn: string | null;
  startMonth: string;
  stopMonth: string | null;
  stopReason: string | null;
  status: ImportStatus;
  caseNo: string | null;
  address: string | null;
  phone: string | null;
  /** The earlier block of the same file whose household this case belongs to (a second case of that household). */
  sameHouseholdAs: number | null;
}

export interface SheetSummary {
  name: string;
  headerRows: number[];
  columns: { column: string; header: string; field: CaseField | null; note: string | null }[];
  dataRows: number;
  /** How households were told apart on this sheet, in the clerk's words. */
  households: string;
}

export interface ParsedCases {
  sheets: SheetSummary[];
  blocks: CaseBlock[];
  problems: ImportProblem[];
  /** Data rows seen (excluding headers, totals and blank rows) and rejected. */
  rowCount: number;
  rejectedRows: Set<string>;
  /** The original cells of every data row, for the rejected-rows workbook. */
  rowCells: Map<string, { header: string[]; cells: CellValue[] }>;
}

export const rowKey = (sheet: string, row: number): string => `${sheet}\u0000${row}`;

/** A header row repeated under the data (printed ledgers repeat it on each page): half its texts are headers. */
export const repeatsHeader = (texts: string[], headerTexts: ReadonlySet<string>): boolean =>
  texts.length > 0 && texts.filter((t) => headerTexts.has(t)).length >= Math.ceil(texts.length / 2);

export const TOTAL_ROW = '合计行，已跳过';

/** A row passed over (a total, a note under the table), as a warning showing the start of its texts. */
export const skippedRow = (sheet: string, row: number, message: string, texts?: string[]): ImportProblem => ({
  sheet,
  row,
  column: null,
  value: texts ? texts.join(' ').slice(0, 40) : null,
  message,
  severity: 'warning',
});

/** A problem with a whole sheet (no row, no column). */
export const sheetProblem = (
  sheet: string,
  message: string,
  severity: ImportProblem['severity'] = 'error',
): ImportProblem => ({ sheet, row: null, column: null, value: null, message, severity });

/** A sheet without columns the ledger cannot do without (named by their labels): the whole sheet is refused. */
export const missingColumns = (sheet: string, labels: string[]): ImportProblem =>
  sheetProblem(sheet, `找不到以下列：${labels.join('、')}。请检查表头，或用列映射指定`);

/** Categories paid to one person rather than a household. */
export const INDIVIDUAL_CATEGORIES: ReadonlySet<CaseCategory> = new Set([
  'tekun',
  'canji_living',
  'canji_care',
  'guer',
  'wurenfuyang',
]);

/** Categories whose monthly amount may be empty (= none): 低保边缘家庭, 刚性支出困难家庭. */
export const OPTIONAL_AMOUNT_CATEGORIES: ReadonlySet<CaseCategory> = new Set(['bianyuan', 'gangxing']);

const HOUSEHOLD_FIELDS = CASE_FIELDS.filter((f) => f.level === 'household').map((f) => f.key);
const fieldLabel = new Map(CASE_FIELDS.map((f) => [f.key, f.label]));

interface RawRow {
  row: number;
  cells: CellValue[];
  /** An empty row lies between this row and the sheet row above it. */
  blankBefore: boolean;
}

interface RawBlock {
  sheet: string;
  header: HeaderResult<CaseField>;
  rows: RawRow[];
  /** How this sheet's households were told apart (shown in the preview, quoted in check messages). */
  rule: string;
}

export interface ParseOptions {
  mapping: UserMapping<CaseField>;
  villages: VillageMatcher;
  /** 'YYYY-MM-DD' for ID birth-date checks. */
  today: string;
}

export function parseCaseSheets(sheets: SheetRows[], options: ParseOptions): ParsedCases {
  const problems: ImportProblem[] = [];
  const rejectedRows = new Set<string>();
  const rowCells = new Map<string, { header: string[]; cells: CellValue[] }>();
  const summaries: SheetSummary[] = [];
  const rawBlocks: RawBlock[] = [];
  let rowCount = 0;
  let headersFound = 0;

  const headerless: string[] = [];
  let firstHeader: { sheet: string; fields: Set<CaseField> } | null = null;
  for (const sheet of sheets) {
    if (sheet.rows.length === 0) continue;
    const header = detectHeader(
      sheet.rows,
      caseFieldTable,
      options.mapping,
      (f) => f === 'idNumber' || f === 'name' || f === 'headName',
    );
    if (!header) {
      headerless.push(sheet.name);
      continue;
    }
    headersFound++;
    const headerTexts = new Set(header.columns.map((c) => c.header));
    const headerRow: string[] = [];
    for (const c of header.columns) headerRow[c.index] = c.header;
    const dataRows: RawRow[] = [];
    for (let i = header.dataStart; i < sheet.rows.length; i++) {
      const r = sheet.rows[i];
      if (!r) continue;
      const get = (f: CaseField): CellValue | undefined => {
        const idx = header.byField.get(f);
        return idx === undefined ? undefined : r.cells[idx];
      };
      // Repeated header rows (printed ledgers repeat the header on each page).
      const texts = r.cells.map(cellText).filter((t) => t !== '');
      if (repeatsHeader(texts, headerTexts)) continue;
      // A signature or note line under the table (制表人：… 审核人：…) has no name and no digits where the ID goes.
      const idCell = get('idNumber');
      const idLike = typeof idCell === 'number' || /\d{4}/.test(cellText(idCell).replace(/\s/g, ''));
      const hasPerson = idLike || !isBlank(get('name')) || !isBlank(get('headName'));
      if (isTotalRow(r.cells) && isBlank(get('idNumber'))) {
        problems.push(skippedRow(sheet.name, r.rowNumber, TOTAL_ROW));
        continue;
      }
      if (!hasPerson) {
        problems.push(skippedRow(sheet.name, r.rowNumber, '没有姓名和身份证号码，不是数据行，已跳过', texts));
        continue;
      }
      rowCount++;
      rowCells.set(rowKey(sheet.name, r.rowNumber), { header: headerRow, cells: r.cells });
      const above = sheet.rows[i - 1];
      dataRows.push({
        row: r.rowNumber,
        cells: r.cells,
        blankBefore: above !== undefined && r.rowNumber > above.rowNumber + 1,
      });
    }
    summaries.push({
      name: sheet.name,
      headerRows: header.headerRows,
      columns: previewColumns(header),
      dataRows: dataRows.length,
      households: '',
    });

    // Sheets of one file must agree on their columns (one ledger split by village): a sheet whose recognised columns
    // differ from the first sheet's is refused as a whole, naming both sheets and the columns.
    const fieldsHere = [...header.byField.keys()];
    if (firstHeader === null) firstHeader = { sheet: sheet.name, fields: new Set(fieldsHere) };
    else {
      const first = firstHeader;
      const label = (f: CaseField): string => fieldLabel.get(f) ?? f;
      const lacking = [...first.fields].filter((f) => !header.byField.has(f)).map(label);
      const extra = fieldsHere.filter((f) => !first.fields.has(f)).map(label);
      if (lacking.length > 0 || extra.length > 0) {
        problems.push({
          sheet: sheet.name,
          row: null,
          column: null,
          value: null,
          message:
            `工作表「${sheet.name}」的表头与工作表「${first.sheet}」不一致（` +
            [
              lacking.length > 0 ? `缺少：${lacking.join('、')}` : '',
              extra.length > 0 ? `多出：${extra.join('、')}` : '',
            ]
              .filter(Boolean)
              .join('；') +
            '），此工作表未导入。请让各工作表使用相同的列后重新导入',
          severity: 'error',
        });
        for (const r of dataRows) rejectedRows.add(rowKey(sheet.name, r.row));
        continue;
      }
    }

    // Columns the ledger cannot do without.
    const missing: string[] = [];
    if (!header.byField.has('idNumber')) missing.push('身份证号码');
    if (!header.byField.has('name') && !header.byField.has('headName')) missing.push('姓名');
    if (!header.byField.has('category')) missing.push('保障类别');
    const sheetVillage = header.byField.has('village') ? null : options.villages.match(sheet.name);
    if (sheetVillage && !sheetVillage.ok) missing.push('村(社区)（工作表名也不是本街道的村(社区)）');
    if (missing.length > 0) {
      problems.push(missingColumns(sheet.name, missing));
      for (const r of dataRows) rejectedRows.add(rowKey(sheet.name, r.row));
      continue;
    }

    // Group rows into households (see groupHouseholds for how the sheet's layout is read).
    const grouped = groupHouseholds(sheet.name, header, dataRows, problems);
    const summary = summaries[summaries.length - 1];
    if (summary) summary.households = grouped.rule;
    for (const rows of grouped.blocks) rawBlocks.push({ sheet: sheet.name, header, rows, rule: grouped.rule });
  }
  for (const name of headerless) {
    problems.push(
      headersFound === 0
        ? sheetProblem(name, '前 15 行中找不到表头（至少要有“身份证号码”或“姓名”等列）。请检查文件，或用列映射指定列名')
        : sheetProblem(name, '找不到表头，已跳过此工作表', 'warning'),
    );
  }

  // Each household block -> a CaseBlock or problems.
  const blocks: CaseBlock[] = [];
  const seenIds = new Map<string, { block: number; sheet: string; row: number }>();
  for (const raw of rawBlocks) {
    const before = problems.length;
    const result = buildBlock(raw, options, problems);
    const rowsOf = raw.rows.map((r) => r.row);
    if (result === null) {
      rejectBlock(raw.sheet, rowsOf, problems, before, rejectedRows);
      continue;
    }
    // One ID = one person: a person listed twice is allowed only as a second case of the same household.
    let sameAs: number | null = null;
    let dupError = false;
    for (const m of result.members) {
      const seen = seenIds.get(m.idNumber);
      if (!seen) continue;
      const earlier = blocks[seen.block];
      const sameHousehold =
        earlier !== undefined &&
        result.members.every((x) => seenIds.get(x.idNumber)?.block === seen.block) &&
        earlier.category !== result.category;
      if (sameHousehold && (sameAs === null || sameAs === seen.block)) sameAs = seen.block;
      else {
        dupError = true;
        problems.push({
          sheet: raw.sheet,
          row: m.row,
          column: 'idNumber',
          value: m.idNumber,
          message: `身份证号码与「${seen.sheet}」第 ${seen.row} 行重复（同一人只能出现在一户中）`,
          severity: 'error',
        });
      }
    }
    if (dupError) {
      rejectBlock(raw.sheet, rowsOf, problems, before, rejectedRows);
      continue;
    }
    result.sameHouseholdAs = sameAs;
    const index = blocks.length;
    blocks.push(result);
    for (const m of result.members)
      if (!seenIds.has(m.idNumber)) seenIds.set(m.idNumber, { block: index, sheet: m.sheet, row: m.row });
  }
  fixColumnNames(problems, summaries);
  return { sheets: summaries, blocks, problems, rowCount, rejectedRows, rowCells };
}

/** Problems name columns by field while parsing; show them as the sheet's letter and header. */
function fixColumnNames(problems: ImportProblem[], sheets: SheetSummary[]): void {
  const bySheet = new Map(sheets.map((s) => [s.name, s]));
  for (const p of problems) {
    if (p.column === null) continue;
    const s = bySheet.get(p.sheet);
    const c = s?.columns.find((x) => x.field === p.column);
    if (c) p.column = `${c.column}（${c.header}）`;
    else if (fieldLabel.has(p.column as CaseField)) p.column = fieldLabel.get(p.column as CaseField) ?? p.column;
  }
}

function rejectBlock(
  sheet: string,
  rows: number[],
  problems: ImportProblem[],
  from: number,
  rejected: Set<string>,
): void {
  const bad = new Set(
    problems
      .slice(from)
      .filter((p) => p.severity === 'error' && p.row !== null)
      .map((p) => p.row),
  );
  const first = rows[0] ?? 0;
  for (const r of rows) {
    rejected.add(rowKey(sheet, r));
    if (!bad.has(r)) {
      problems.push({
        sheet,
        row: r,
        column: null,
        value: null,
        message: `同户（自第 ${first} 行起）有错误，本户整户未导入`,
        severity: 'error',
      });
    }
  }
}

function buildBlock(raw: RawBlock, options: ParseOptions, problems: ImportProblem[]): CaseBlock | null {
  const { header, sheet } = raw;
  let failed = false;
  const report = (
    row: number,
    field: CaseField | null,
    value: CellValue | undefined,
    message: string,
    severity: 'error' | 'warning' = 'error',
  ): void => {
    if (severity === 'error') failed = true;
    problems.push({
      sheet,
      row,
      column: field,
      value: field === null ? null : shownValue(value),
      message,
      severity,
      ...(field !== null && HOUSEHOLD_FIELDS.includes(field) ? { scope: 'household' as const } : {}),
    });
  };
  const cellOf = (r: RawRow, f: CaseField): CellValue | undefined => {
    const idx = header.byField.get(f);
    return idx === undefined ? undefined : r.cells[idx];
  };
  // Unusable cells (formula without result, too long) in a mapped column reject their row.
  const unusable = new Set<CaseField>();
  for (const r of raw.rows) {
    for (const [f, idx] of header.byField) {
      const v = r.cells[idx];
      if (v !== undefined && isCellProblem(v)) {
        report(r.row, f, v, v.problem);
        unusable.add(f);
      }
    }
  }

  // Household fields: the first non-blank value; a different value further down is an error.
  const hv = new Map<CaseField, { value: CellValue; row: number }>();
  for (const f of HOUSEHOLD_FIELDS) {
    for (const r of raw.rows) {
      const v = cellOf(r, f);
      if (v === undefined || isBlank(v) || isCellProblem(v)) continue;
      const first = hv.get(f);
      if (!first) hv.set(f, { value: v, row: r.row });
      else if (comparable(f, first.value) !== comparable(f, v)) {
        report(
          r.row,
          f,
          v,
          `与本户第 ${first.row} 行的「${fieldLabel.get(f) ?? f}」（${shownValue(first.value)}）不一致` +
            (f === 'headName' ? `（本表${raw.rule}）` : ''),
        );
      }
    }
  }
  const firstRow = raw.rows[0]?.row ?? 0;
  const get = <T>(f: CaseField, parse: (v: CellValue | undefined) => Parsed<T>): T | null => {
    const h = hv.get(f);
    if (!h) return null;
    const p = parse(h.value);
    if (!p.ok) {
      report(h.row, f, h.value, p.message);
      return null;
    }
    if (p.warning) report(h.row, f, h.value, p.warning, 'warning');
    return p.value;
  };

  // Village: the column, else the sheet's name.
  let villageId = '';
  let villageName = '';
  const villageCell = hv.get('village');
  const villageText = villageCell ? text(villageCell.value) : header.byField.has('village') ? '' : sheet;
  if (villageText === '') {
    if (!unusable.has('village')) report(firstRow, 'village', null, '村(社区)为空');
  } else {
    const m = options.villages.match(villageText);
    if (!m.ok) report(villageCell?.row ?? firstRow, villageCell ? 'village' : null, villageCell?.value, m.message);
    else {
      villageId = m.id;
      villageName = m.name;
      if (m.note) report(villageCell?.row ?? firstRow, 'village', villageCell?.value, m.note, 'warning');
    }
  }

  const cat = get('category', parseCategoryCell);
  if (!hv.has('category')) report(firstRow, 'category', null, '保障类别为空');
  const areaCol = get('area', parseAreaCell);
  const supportCol = get('supportMode', parseSupportModeCell);
  const careGrade = get('careGrade', parseCareGradeCell);
  const persons = get('persons', (v) => parseCountCell(v, '保障人数'));
  const amount = get('amount', (v) => parseAmountCell(v, '月保障金'));
  const base = get('baseAmount', (v) => parseAmountCell(v, '基础保障金'));
  const supplement = get('supplementAmount', (v) => parseAmountCell(v, '分类施保金'));
  const appliedOn = get('appliedOn', (v) => parseDateCell(v, '申请日期'));
  const startMonth = get('startMonth', (v) => parseMonthCell(v, '享受起始月份'));
  const stopMonth = get('stopMonth', (v) => parseMonthCell(v, '停保月份'));
  const statusCol = get('status', parseStatusCell);
  const stopReason = hv.has('stopReason') ? text(hv.get('stopReason')?.value) : null;
  const caseNo = hv.has('caseNo') ? text(hv.get('caseNo')?.value) : null;
  const address = hv.has('address') ? text(hv.get('address')?.value) : null;
  const phone = hv.has('phone') ? text(hv.get('phone')?.value) : null;
  const headName = hv.has('headName') ? cjkJoin(text(hv.get('headName')?.value)) : '';

  // Members.
  const members: MemberRow[] = [];
  for (const r of raw.rows) {
    const idCell = cellOf(r, 'idNumber');
    const id = parseIdCell(idCell, options.today);
    // Clerks pad names for alignment (“张  三”): spaces between Chinese characters are not part of a name.
    let name = cjkJoin(text(cellOf(r, 'name')));
    if (name === '' && !header.byField.has('name')) name = headName;
    if (name === '' && !isCellProblem(cellOf(r, 'name') ?? null)) report(r.row, 'name', null, '姓名为空');
    else if (name.length > 40) report(r.row, 'name', name, '姓名超过 40 个字');
    if (!id.ok) {
      report(r.row, 'idNumber', idCell, id.message);
      continue;
    }
    if (id.warning) report(r.row, 'idNumber', idCell, id.warning, 'warning');
    const sexCell = cellOf(r, 'sex');
    if (sexCell !== undefined && !isBlank(sexCell)) {
      const sex = parseSexCell(sexCell);
      if (!sex.ok) report(r.row, 'sex', sexCell, sex.message, 'warning');
      else if (sex.value !== id.value.sex) {
        report(
          r.row,
          'sex',
          sexCell,
          `性别与身份证号码不符（号码显示为${id.value.sex === 'M' ? '男' : '女'}），以身份证号码为准`,
          'warning',
        );
      }
    }
    let relation = '';
    const relCell = cellOf(r, 'relation');
    if (relCell !== undefined && !isBlank(relCell)) {
      const rel = parseRelationCell(relCell);
      if (rel.ok) {
        relation = rel.value;
        if (rel.warning) report(r.row, 'relation', relCell, rel.warning, 'warning');
      }
    }
    members.push({
      sheet,
      row: r.row,
      name,
      idNumber: id.value.value,
      legacy: id.value.legacy,
      sex: id.value.sex,
      birthDate: id.value.birthDate,
      relation,
    });
  }

  // The head: the 户主 row, else the member named in 户主姓名, else the only/first member of a one-row household.
  let head = members.findIndex((m) => m.relation === '户主');
  if (members.filter((m) => m.relation === '户主').length > 1)
    report(firstRow, 'relation', '户主', '同一户有多个“户主”');
  const headRow = head >= 0 ? members[head] : undefined;
  if (headRow && headName !== '' && headRow.name !== headName) {
    report(
      headRow.row,
      'headName',
      hv.get('headName')?.value,
      `户主姓名「${headName}」与“户主”行的姓名「${headRow.name}」不一致（本表${raw.rule}）`,
    );
  }
  if (head < 0 && headName !== '') head = members.findIndex((m) => m.name === headName);
  if (head < 0 && headName === '' && !header.byField.has('relation')) head = 0;
  if (head < 0 && members.length > 0) {
    report(
      firstRow,
      headName !== '' ? 'headName' : 'relation',
      headName,
      headName !== '' ? `户主「${headName}」没有单独一行（需要户主的身份证号码）` : '本户没有“户主”行',
    );
  }
  for (const [i, m] of members.entries()) {
    if (i === head) m.relation = '户主';
    else if (m.relation === '') m.relation = '其他';
  }

  // The case.
  const category = cat?.category ?? null;
  const area: Area | null = cat?.area ?? areaCol ?? null;
  if (cat?.area && areaCol && cat.area !== areaCol) {
    const h = hv.get('area');
    report(h?.row ?? firstRow, 'area', h?.value, `城乡与保障类别「${text(hv.get('category')?.value)}」不一致`);
  }
  const statusFromStop: ImportStatus | null = stopMonth !== null ? 'stopped' : null;
  const status: ImportStatus = statusCol ?? statusFromStop ?? 'active';
  if (status === 'stopped' && stopMonth === null && !failed) {
    report(hv.get('status')?.row ?? firstRow, 'stopMonth', null, '状态为停保，但没有停保月份');
  }
  if (startMonth === null && !hv.has('startMonth') && !unusable.has('startMonth'))
    report(firstRow, 'startMonth', null, '享受起始月份为空');
  if (startMonth !== null && stopMonth !== null && stopMonth <= startMonth) {
    report(
      hv.get('stopMonth')?.row ?? firstRow,
      'stopMonth',
      hv.get('stopMonth')?.value,
      `停保月份应晚于起始月份（${startMonth}）`,
    );
  }
  let amountFen = amount;
  let baseFen = base ?? 0;
  let supplementFen = supplement ?? 0;
  if (amountFen === null && (base !== null || supplement !== null)) amountFen = baseFen + supplementFen;
  else if (amountFen !== null && base === null && supplement === null) baseFen = amountFen;
  else if (amountFen !== null && base !== null && supplement === null) supplementFen = amountFen - baseFen;
  else if (amountFen !== null && base === null && supplement !== null) baseFen = amountFen - supplementFen;
  if (amountFen !== null && (baseFen < 0 || supplementFen < 0 || baseFen + supplementFen !== amountFen)) {
    report(
      hv.get('amount')?.row ?? firstRow,
      'amount',
      hv.get('amount')?.value,
      '月保障金不等于基础保障金与分类施保金之和',
    );
  }
  // 低保边缘 and 刚性支出 households are on the ledger for 专项救助 and monitoring and usually get no monthly cash: an
  // empty amount means none. Every other category pays a regular amount (临时救助: the one-off grant).
  const amountOptional = category !== null && OPTIONAL_AMOUNT_CATEGORIES.has(category);
  if (amountFen === null && !amountOptional && !hv.has('amount') && !hv.has('baseAmount') && !unusable.has('amount'))
    report(firstRow, 'amount', null, category === 'linshi' ? '救助金额为空' : '月保障金为空');
  else if (amountFen === 0 && !amountOptional && category !== null) {
    report(
      hv.get('amount')?.row ?? firstRow,
      'amount',
      hv.get('amount')?.value,
      category === 'linshi' ? '救助金额为 0' : '月保障金为 0（此类别按月发放，需要金额）',
    );
  }
  if (persons !== null && members.length > 0 && persons !== members.length && !failed) {
    report(
      hv.get('persons')?.row ?? firstRow,
      'persons',
      hv.get('persons')?.value,
      `保障人数为 ${persons}，但本户列出了 ${members.length} 人。请每位保障成员各占一行`,
    );
  }
  let supportMode = cat?.supportMode ?? null;
  if (supportCol !== null) supportMode = supportCol;
  if (supportMode !== null && category !== 'tekun' && category !== 'guer') supportMode = null;

  if (
    failed ||
    category === null ||
    startMonth === null ||
    (amountFen === null && !amountOptional) ||
    head < 0 ||
    villageId === ''
  )
    return null;
  let resolvedArea = area;
  if (resolvedArea === null) {
    // Neither the category label nor a 城乡 column says it: a community (居委会) is urban, a village rural.
    resolvedArea = /社区|居委|居民委员会/.test(villageName) ? 'urban' : 'rural';
  }
  return {
    sheet,
    rows: raw.rows.map((r) => r.row),
    villageId,
    villageName,
    headName: members[head]?.name ?? headName,
    members,
    head,
    category,
    area: resolvedArea,
    singlePerson: cat?.singlePerson ?? false,
    supportMode,
    careGrade: category === 'tekun' ? careGrade : null,
    amountFen,
    baseFen,
    supplementFen,
    appliedOn,
    startMonth,
    stopMonth: status === 'stopped' ? stopMonth : null,
    stopReason: status === 'stopped' ? stopReason || '导入时已停保' : null,
    status,
    caseNo: caseNo || null,
    address: address || null,
    phone: phone || null,
    sameHouseholdAs: null,
  };
}

const cjkJoin = (s: string): string => s.replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/gu, '');

/** Household field values compared by meaning: 2023/5/1 = 2023-05, 1,234.50 = 1234.5元. */
function comparable(f: CaseField, v: CellValue): string {
  switch (f) {
    case 'amount':
    case 'baseAmount':
    case 'supplementAmount': {
      const p = parseAmountCell(v, '');
      return p.ok ? String(p.value) : shownValue(v);
    }
    case 'startMonth':
    case 'stopMonth': {
      const p = parseMonthCell(v, '');
      return p.ok ? p.value : shownValue(v);
    }
    case 'category': {
      const p = parseCategoryCell(v);
      return p.ok ? JSON.stringify(p.value) : shownValue(v);
    }
    default:
      return text(v).replace(/\s/g, '');
  }
}

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

  const seqs = has('seq') ? rows.map((r) => keyText(cell(r, 'seq'))) : [];
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
  const keyField: 'householdNo' | 'seq' | null = has('householdNo')
    ? 'householdNo'
    : has('seq') && !seqPerPerson
      ? 'seq'
      : null;
  const keyLabel = keyField === 'householdNo' ? '户号' : '序号';
  const byHeadRow = keyField === null && rows.some(isHeadRow);
  const byBlank = keyField === null && rows.some((r, i) => i > 0 && r.blankBefore);
  const byHeadName = keyField === null && !byHeadRow && has('headName');

  const parts: string[] = [];
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
