// One household of a case ledger (its block of member rows) -> a CaseBlock, or problems: household fields read once
// (a different value further down is an error), the village, category, amounts and months, each member's ID number,
// name, sex and relation, and the head.
import { isCellProblem, type CellValue } from './cells';
import type { CaseField } from './fields';
import type { Area } from '../cases';
import type { ImportProblem } from './problems';
import {
  isBlank,
  isPlaceholder,
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
import {
  fieldLabel,
  HOUSEHOLD_FIELDS,
  OPTIONAL_AMOUNT_CATEGORIES,
  type CaseBlock,
  type MemberRow,
  type ParseOptions,
  type RawBlock,
  type RawRow,
} from './cases-types';

export function buildBlock(raw: RawBlock, options: ParseOptions, problems: ImportProblem[]): CaseBlock | null {
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
      // “—”, “/”, “无” in a household field mean it is empty (a 低保边缘 household's amount, a case not stopped).
      if (v === undefined || isBlank(v) || isCellProblem(v) || isPlaceholder(v)) continue;
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
  if (!hv.has('category') && raw.category !== null) hv.set('category', { value: raw.category, row: firstRow });
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

/** Clerks pad names for alignment (“张  三”): spaces between Chinese characters are not part of a name. */
export const cjkJoin = (s: string): string => s.replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/gu, '');

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
