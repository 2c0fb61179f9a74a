// The ledger details behind the month's figures, one CSV each in the archive: cases paid, persons covered,
// 临时救助 grants, the change list and the county 低保 tables. Text cells are neutralised; ID numbers are masked
// unless the municipal format setting asks for them in full.
import { DIBAO_CSV_HEADER, dibaoRowValues } from './workbook';
import { sql, type Kysely } from 'kysely';
import type { DibaoTable, MonthFigures } from '../../../shared/api/reports';
import { label } from '../../../shared/labels';
import { birthYearOnly } from '../../../shared/mask';
import { fenToYuanNumber } from '../../../shared/money';
import { neutralizeSpreadsheetCell } from '../../../shared/text';
import type { DB } from '../db/schema';
import type { ChangeItem } from './changes';
import { BIRTH_DATE } from './attributes';
import { CATEGORY_NAMES } from './labels';
import { grantedIn, latestAmountRowid, paidIn, personsOf, ROW_KEY } from './sets';

export type Cell = string | number | null;

export interface CsvTable {
  file: string;
  header: string[];
  rows: Cell[][];
}

function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = neutralizeSpreadsheetCell(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with BOM (so spreadsheet programs on Windows read the Chinese correctly), CRLF line ends. */
export function toCsv(t: CsvTable): Buffer {
  const lines = [t.header.map(csvCell).join(','), ...t.rows.map((r) => r.map(csvCell).join(','))];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

export async function detailTables(
  db: Kysely<DB>,
  f: MonthFigures,
  changes: ChangeItem[],
  rollId: string | null,
  idOut: (s: string | null) => string,
  /** True only for the municipal full-number format: then the full birth date may stand beside the full number. */
  fullIds = false,
): Promise<CsvTable[]> {
  const month = f.month;
  const paid = paidIn(month);
  const amount = rollId
    ? sql`(SELECT l.amount_fen FROM payment_roll_lines l WHERE l.roll_id = ${rollId} AND l.case_id = c.id)`
    : sql`(SELECT a.amount_fen FROM case_amounts a WHERE a.rowid = (${latestAmountRowid(sql`${month}`)}))`;
  const cases = await sql<{
    case_no: string | null;
    k: keyof typeof CATEGORY_NAMES;
    area: 'urban' | 'rural';
    village: string;
    head: string | null;
    head_id: string | null;
    persons: number;
    amount: number | null;
    start_month: string | null;
    stop_month: string | null;
  }>`SELECT c.case_no, (${ROW_KEY}) AS k, c.area, v.name AS village, hp.name AS head, hp.id_number AS head_id,
      (SELECT count(*) FROM case_members cm WHERE cm.case_id = c.id AND ${paid.memberCovered}) AS persons,
      ${amount} AS amount, c.start_month, c.stop_month
    FROM cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
    LEFT JOIN people hp ON hp.id = coalesce(c.person_id, h.head_person_id)
    WHERE ${paid.where} ORDER BY v.sort_order, k, c.case_no`.execute(db);

  const persons = await sql<{
    case_no: string | null;
    k: keyof typeof CATEGORY_NAMES;
    area: 'urban' | 'rural';
    village: string;
    name: string;
    id_number: string | null;
    sex: 'M' | 'F' | null;
    birth: string | null;
    grade: number | null;
    labour: string | null;
  }>`SELECT c.case_no, s.k, s.area, v.name AS village, p.name, p.id_number, p.sex, ${BIRTH_DATE} AS birth,
      p.disability_grade AS grade, p.labour_capacity AS labour
    FROM (${personsOf(paid)}) s JOIN cases c ON c.id = s.case_id JOIN people p ON p.id = s.person_id
    JOIN villages v ON v.id = s.village_id ORDER BY v.sort_order, s.k, c.case_no, p.name`.execute(db);

  const granted = grantedIn(month, month);
  const grants = await sql<{
    case_no: string | null;
    area: 'urban' | 'rural';
    village: string;
    head: string | null;
    head_id: string | null;
    type: 'emergency' | 'expenditure' | null;
    fen: number | null;
    advance: number;
  }>`SELECT c.case_no, c.area, v.name AS village, hp.name AS head, hp.id_number AS head_id, c.linshi_type AS type,
      c.grant_amount_fen AS fen, c.advance_aid AS advance
    FROM cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
    LEFT JOIN people hp ON hp.id = coalesce(c.person_id, h.head_person_id)
    WHERE ${granted.where} ORDER BY v.sort_order, c.case_no`.execute(db);

  const yuan = (fen: number | null) => (fen === null ? null : fenToYuanNumber(fen));
  const dibao = (t: DibaoTable): CsvTable => ({
    file: `dibao_${t.area}.csv`,
    header: DIBAO_CSV_HEADER,
    rows: [t.total, ...t.villages].map((v) => dibaoRowValues(v).map((x) => (typeof x === 'object' ? x.n : x))),
  });

  return [
    {
      file: 'cases.csv',
      header: [
        '证号',
        '类别代码',
        '保障类别',
        '城乡',
        '村(社区)',
        '户主/对象姓名',
        '身份证号',
        '保障人数',
        '当月金额(元)',
        '开始月份',
        '停止月份',
      ],
      rows: cases.rows.map((r) => [
        r.case_no ?? '',
        r.k,
        CATEGORY_NAMES[r.k],
        label('area', r.area),
        r.village,
        r.head ?? '',
        idOut(r.head_id),
        r.persons,
        yuan(r.amount),
        r.start_month ?? '',
        r.stop_month ?? '',
      ]),
    },
    {
      file: 'persons.csv',
      // Beside a masked number the birth date is the year only: the full date would give the number back.
      header: [
        '证号',
        '类别代码',
        '城乡',
        '村(社区)',
        '姓名',
        '身份证号',
        '性别',
        fullIds ? '出生日期' : '出生年份',
        '残疾等级',
        '劳动能力',
      ],
      rows: persons.rows.map((r) => [
        r.case_no ?? '',
        r.k,
        label('area', r.area),
        r.village,
        r.name,
        idOut(r.id_number),
        label('sex', r.sex),
        fullIds ? (r.birth ?? '') : birthYearOnly(r.birth),
        r.grade,
        label('labourCapacity', r.labour),
      ]),
    },
    {
      file: 'linshi.csv',
      header: ['证号', '城乡', '村(社区)', '姓名', '身份证号', '类型', '金额(元)', '先行救助'],
      rows: grants.rows.map((r) => [
        r.case_no ?? '',
        label('area', r.area),
        r.village,
        r.head ?? '',
        idOut(r.head_id),
        label('linshiType', r.type),
        yuan(r.fen),
        r.advance ? '是' : '否',
      ]),
    },
    {
      file: 'changes.csv',
      header: [
        '类型',
        '证号',
        '类别代码',
        '城乡',
        '村(社区)',
        '姓名',
        '身份证号',
        '变更前',
        '变更后',
        '生效月份',
        '原因',
      ],
      rows: changes.map((c) => [
        c.kind,
        c.caseNo,
        c.category,
        c.area ? label('area', c.area) : '',
        c.villageName,
        c.headName,
        idOut(c.headIdNumber || null),
        c.before,
        c.after,
        c.effectiveMonth,
        c.reason,
      ]),
    },
    ...f.dibaoTables.map(dibao),
  ];
}
