// 追溯: the records behind one figure, from the same sets (sets.ts) the figure aggregates, so the list's total is
// the figure itself. ID numbers are always masked here.
import ExcelJS from 'exceljs';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type {
  DibaoAttribute,
  PovertyCause,
  ReportArea,
  ReportCategory,
  TraceCaseRow,
  TraceFilter,
  TraceMeasure,
  TracePersonRow,
  TraceResult,
} from '../../../shared/api/reports';
import { maskIdNumber, normalizeIdNumber } from '../../../shared/idcard';
import { label } from '../../../shared/labels';
import { birthYearOnly } from '../../../shared/mask';
import { fenToYuanNumber } from '../../../shared/money';
import { fileStamp, monthText } from '../../../shared/time';
import type { ServiceContext } from '../kernel';
import type { DB } from '../db';
import { attributeCondition, CAUSE, rollOf } from './figures';
import {
  andWhere,
  grantedIn,
  latestAmountRowid,
  paidIn,
  personsOf,
  rowKeyIs,
  startedIn,
  stoppedIn,
  ROW_KEY,
  type CaseSet,
} from './sets';

export interface TraceQuery {
  month: string;
  category?: ReportCategory | undefined;
  area?: ReportArea | undefined;
  measure: TraceMeasure;
  villageId?: string | undefined;
  attribute?: DibaoAttribute | undefined;
  cause?: PovertyCause | undefined;
  linshiType?: 'emergency' | 'expenditure' | 'unknown' | undefined;
  /** The clerk's narrowing of the list in the dialog: one village, a name (or its pinyin initials) or an ID tail. */
  filter?: TraceFilter | undefined;
  offset: number;
  limit: number;
}

/**
 * The person or household head the search matches: part of the name, the pinyin initials' start, or the end of the
 * ID number (the tail a masked list shows; 2 to 18 characters) — `who` is the people row's alias.
 */
function searchCondition(who: 'p' | 'hp', search: string | undefined): RawBuilder<unknown> {
  const term = (search ?? '').trim();
  if (!term) return sql`1 = 1`;
  const like = term.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  const tail = normalizeIdNumber(term);
  const col = (c: string) => sql.raw(`${who}.${c}`);
  const byId = /^[0-9X]{2,18}$/.test(tail) ? sql`OR ${col('id_number')} LIKE ${`%${tail}`}` : sql``;
  return sql`(${col('name')} LIKE ${`%${like}%`} ESCAPE '\\'
    OR ${col('name_initials')} LIKE ${`${like.toLowerCase()}%`} ESCAPE '\\' ${byId})`;
}

/** The set a figure aggregates. */
export function traceSet(q: TraceQuery): CaseSet {
  const isLinshi = q.category === 'linshi' || q.linshiType !== undefined;
  let set: CaseSet;
  if (isLinshi) {
    // A grant is new in its month and never exits.
    set =
      q.measure === 'exitHouseholds' || q.measure === 'exitPersons'
        ? andWhere(grantedIn(q.month, q.month), sql`0 = 1`)
        : grantedIn(q.month, q.month);
  } else if (q.measure === 'newHouseholds' || q.measure === 'newPersons') set = startedIn(q.month, q.month);
  else if (q.measure === 'exitHouseholds' || q.measure === 'exitPersons') set = stoppedIn(q.month, q.month);
  else set = paidIn(q.month);
  const extra: RawBuilder<unknown>[] = [];
  if (q.category) extra.push(rowKeyIs(q.category));
  if (q.area) extra.push(sql`c.area = ${q.area}`);
  if (q.villageId) extra.push(sql`h.village_id = ${q.villageId}`);
  if (q.filter?.villageId) extra.push(sql`h.village_id = ${q.filter.villageId}`);
  if (q.cause) extra.push(sql`${CAUSE} = ${q.cause}`);
  if (q.linshiType)
    extra.push(q.linshiType === 'unknown' ? sql`c.linshi_type IS NULL` : sql`c.linshi_type = ${q.linshiType}`);
  for (const e of extra) set = andWhere(set, e);
  return set;
}

export async function traceFigure(db: Kysely<DB>, q: TraceQuery): Promise<TraceResult> {
  const set = traceSet(q);
  const personsMeasure =
    q.measure === 'persons' || q.measure === 'newPersons' || q.measure === 'exitPersons' || q.attribute !== undefined;
  if (personsMeasure) {
    const attr = q.attribute ? sql`AND ${attributeCondition(q.attribute, q.month)}` : sql``;
    const base = sql`FROM (${personsOf(set)}) s JOIN people p ON p.id = s.person_id
      JOIN cases c ON c.id = s.case_id JOIN villages v ON v.id = s.village_id
      WHERE ${searchCondition('p', q.filter?.search)} ${attr}`;
    const total = await sql<{ n: number }>`SELECT count(DISTINCT p.id) AS n ${base}`.execute(db);
    const rows = await sql<{
      id: string;
      name: string;
      id_number: string | null;
      sex: 'M' | 'F' | null;
      birth_date: string | null;
      case_no: string | null;
      village: string;
    }>`SELECT p.id, p.name, p.id_number, p.sex, p.birth_date, min(c.case_no) AS case_no, min(v.name) AS village ${base}
      GROUP BY p.id ORDER BY min(v.sort_order), p.name, p.id LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
    const out: TracePersonRow[] = rows.rows.map((r) => ({
      personId: r.id,
      name: r.name,
      idNumber: r.id_number ? maskIdNumber(r.id_number) : '',
      sex: r.sex,
      birthYear: birthYearOnly(r.birth_date), // the year only beside a masked ID number (src/shared/mask.ts)
      caseNo: r.case_no,
      villageName: r.village,
    }));
    return { kind: 'persons', rows: out, total: total.rows[0]?.n ?? 0 };
  }

  const roll = await rollOf(db, q.month);
  const amount =
    roll?.status === 'confirmed'
      ? sql`CASE WHEN c.category = 'linshi' THEN c.grant_amount_fen
          ELSE (SELECT sum(l.amount_fen) FROM payment_roll_lines l WHERE l.roll_id = ${roll.id} AND l.case_id = c.id) END`
      : sql`CASE WHEN c.category = 'linshi' THEN c.grant_amount_fen
          ELSE (SELECT a.amount_fen FROM case_amounts a WHERE a.rowid = (${latestAmountRowid(sql`${q.month}`)})) END`;
  const memberMonthPersons = sql`(SELECT count(DISTINCT cm.person_id) FROM case_members cm WHERE cm.case_id = c.id AND ${set.memberCovered})`;
  const base = sql`FROM cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
    LEFT JOIN people hp ON hp.id = coalesce(h.head_person_id, c.person_id)
    WHERE ${set.where} AND ${searchCondition('hp', q.filter?.search)}`;
  // Households: one row per household (the figure counts distinct households); amount: one row per case.
  const perHousehold = q.measure !== 'amount';
  const total = await sql<{ n: number; fen: number | null }>`
    SELECT ${perHousehold ? sql`count(DISTINCT c.household_id)` : sql`count(*)`} AS n, sum(${amount}) AS fen ${base}`.execute(
    db,
  );
  const rows = await sql<{
    case_id: string;
    case_no: string | null;
    k: ReportCategory;
    area: ReportArea;
    village: string;
    head_name: string | null;
    head_id: string | null;
    persons: number;
    amount: number | null;
    start_month: string | null;
    stop_month: string | null;
  }>`SELECT c.id AS case_id, c.case_no, (${ROW_KEY}) AS k, c.area, v.name AS village, hp.name AS head_name,
      hp.id_number AS head_id, CASE WHEN ${memberMonthPersons} > 0 THEN ${memberMonthPersons}
        WHEN c.person_id IS NOT NULL THEN 1 ELSE 0 END AS persons,
      ${amount} AS amount, c.start_month, c.stop_month
    ${base} ${perHousehold ? sql`GROUP BY c.household_id` : sql``}
    ORDER BY v.sort_order, hp.name, c.id LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  const out: TraceCaseRow[] = rows.rows.map((r) => ({
    caseId: r.case_id,
    caseNo: r.case_no,
    category: r.k,
    area: r.area,
    villageName: r.village,
    headName: r.head_name ?? '',
    headId: r.head_id ? maskIdNumber(r.head_id) : '',
    persons: r.persons,
    amountFen: r.amount,
    startMonth: r.start_month,
    stopMonth: r.stop_month,
  }));
  return {
    kind: 'cases',
    rows: out,
    total: total.rows[0]?.n ?? 0,
    sumFen: q.measure === 'amount' ? (total.rows[0]?.fen ?? 0) : null,
  };
}

/** Rows an export of one figure's records may hold (a township's largest figure is a few thousand persons). */
const EXPORT_MAX_ROWS = 100_000;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The records behind one figure as the dialog lists them (its filter applied), as .xlsx for the clerk to take away:
 * the same masked ID numbers and birth years the dialog shows (src/shared/mask.ts), journalled like every export.
 */
export async function exportTrace(
  ctx: ServiceContext,
  q: Omit<TraceQuery, 'offset' | 'limit'> & { title: string },
): Promise<{ name: string; mime: string; dataBase64: string; rows: number }> {
  const { title, ...query } = q;
  const found = await traceFigure(ctx.db, { ...query, offset: 0, limit: EXPORT_MAX_ROWS });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('追溯明细');
  const filterText = [
    q.filter?.villageId ? `村(社区)：${found.rows[0]?.villageName ?? '（无记录）'}` : '',
    q.filter?.search ? `搜索：${q.filter.search}` : '',
  ]
    .filter(Boolean)
    .join('；');
  // The dialog's title names the month already ('2026年3月 农村最低生活保障 人数'); a bare figure name gets it.
  const heading = title.startsWith(monthText(q.month)) ? title : `${monthText(q.month)} ${title}`;
  ws.addRow([`${heading}${filterText ? `（${filterText}）` : ''}`]);
  ws.addRow(['身份证号码已遮挡，只显示末 4 位；出生日期只显示年份']);
  if (found.kind === 'persons') {
    ws.addRow(['序号', '姓名', '身份证号码', '性别', '出生年份', '证号', '村(社区)']);
    found.rows.forEach((r, i) =>
      ws.addRow([i + 1, r.name, r.idNumber, label('sex', r.sex), r.birthYear, r.caseNo ?? '', r.villageName]),
    );
  } else {
    ws.addRow(['序号', '证号', '户主/对象', '身份证号码', '村(社区)', '人数', '金额（元）', '起始月份', '终止月份']);
    found.rows.forEach((r, i) =>
      ws.addRow([
        i + 1,
        r.caseNo ?? '',
        r.headName,
        r.headId,
        r.villageName,
        r.persons,
        r.amountFen === null ? '' : fenToYuanNumber(r.amountFen),
        r.startMonth ?? '',
        r.stopMonth ?? '',
      ]),
    );
  }
  ws.getColumn(3).width = 22;
  ws.getColumn(4).width = 22;
  const name = `追溯明细-${q.month}-${fileStamp(ctx.now())}.xlsx`;
  await ctx.journal({
    action: 'export.trace',
    entity: 'cases',
    entityId: 'export',
    after: { month: q.month, figure: title, query, rows: found.rows.length, file: name, to: '下载到本机' },
    reason: '导出报表数字的追溯明细（身份证号码已遮挡）',
  });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { name, mime: XLSX_MIME, dataBase64: buf.toString('base64'), rows: found.rows.length };
}
