// The ledger details behind the month's figures, one CSV each in the archive: cases paid, persons covered,
// 临时救助 grants, the change list and the county 低保 tables. Text cells are neutralised; ID numbers are masked
// unless the municipal format setting asks for them in full. The rows are read from the ledger one at a time and
// written as CSV text in chunks (writeCsv); the paid cases with their persons (cases.csv, persons.csv) are kept per
// case between packages (details-paid.ts).
import type Database from 'better-sqlite3';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DibaoTable, MonthFigures } from '../../../shared/api/reports';
import { label } from '../../../shared/labels';
import { birthYearOnly } from '../../../shared/mask';
import { fenToYuanNumber } from '../../../shared/money';
import { neutralizeSpreadsheetCell } from '../../../shared/text';
import type { DB } from '../db';
import { statementOf } from '../kernel';
import type { ChangeItem } from './changes';
import { DIBAO_CSV_HEADER, dibaoRowValues } from './forms/dibao';
import { CHANGE_COLUMNS, changeCells } from './forms/changes';
import { CATEGORY_NAMES } from './labels';
import { compareText, paidCases, sameKey, type PaidCase, type PaidPerson } from './details-paid';
import { grantedIn } from './sets';

export type Cell = string | number | null;

/** One CSV of the archive: its header and its rows, produced one at a time when the file is written. */
export interface CsvSource {
  file: string;
  header: string[];
  rows: () => Iterable<Cell[]>;
}

const NEEDS_QUOTES = /[",\r\n]/;

function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = neutralizeSpreadsheetCell(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line with its CRLF. */
function csvLine(r: Cell[]): string {
  let line = '';
  for (let i = 0; i < r.length; i++) line += i === 0 ? csvCell(r[i] ?? null) : `,${csvCell(r[i] ?? null)}`;
  return `${line}\r\n`;
}

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
/** Characters of CSV text gathered before they are encoded and handed on (about 64 KB of Chinese text). */
const CHUNK_CHARS = 1 << 15;

/**
 * Writes a CSV as UTF-8 with BOM (so spreadsheet programs on Windows read the Chinese correctly) and CRLF line ends,
 * in chunks to `push`; returns the number of data rows.
 */
export async function writeCsv(src: CsvSource, push: (chunk: Uint8Array) => Promise<void>): Promise<number> {
  await push(BOM);
  let text = csvLine(src.header);
  let n = 0;
  for (const r of src.rows()) {
    text += csvLine(r);
    n++;
    if (text.length >= CHUNK_CHARS) {
      await push(Buffer.from(text, 'utf8'));
      text = '';
    }
  }
  await push(Buffer.from(text, 'utf8'));
  return n;
}

/** Where the detail rows are read: the query builder, and its connection to step through a statement's rows. */
export interface DetailReader {
  db: Kysely<DB>;
  raw: Database.Database;
}

/**
 * The rows of `q` one at a time, each as an array of its columns in SELECT order (better-sqlite3's raw iterate: the
 * query builder's stream makes an object and a promise per row, which costs more than the row).
 */
function stepRows<R extends unknown[]>(r: DetailReader, q: RawBuilder<unknown>): IterableIterator<R> {
  const { sql: text, parameters } = q.compile(r.db);
  // The statement's own iterator, handed on as it is (a generator around it cost as much as the rows' values).
  return statementOf<R>(r.raw, text)
    .raw(true)
    .iterate(...parameters);
}

function* mapRows<R>(rows: Iterable<R>, f: (r: R) => Cell[]): Iterable<Cell[]> {
  for (const r of rows) yield f(r);
}

type Area = 'urban' | 'rural';

/**
 * persons.csv's rows: the persons of each paid case in order; the persons of cases sharing a sort key (village order,
 * row code, 证号) interleaved by name, as ORDER BY … p.name gives them.
 */
function* personRows(cases: PaidCase[], row: (c: PaidCase, p: PaidPerson) => Cell[]): Iterable<Cell[]> {
  for (let i = 0; i < cases.length;) {
    const c = cases[i] as PaidCase;
    let j = i + 1;
    while (j < cases.length && sameKey(c, cases[j] as PaidCase)) j++;
    if (j === i + 1) {
      for (const p of c.persons) yield row(c, p);
    } else {
      const group = cases.slice(i, j).flatMap((x) => x.persons.map((p): [PaidCase, PaidPerson] => [x, p]));
      group.sort((a, b) => compareText(a[1][0], b[1][0]));
      for (const [x, p] of group) yield row(x, p);
    }
    i = j;
  }
}

export async function detailSources(
  reader: DetailReader,
  f: MonthFigures,
  changes: ChangeItem[],
  rollId: string | null,
  idOut: (s: string | null) => string,
  /** True only for the municipal full-number format: then the full birth date may stand beside the full number. */
  fullIds = false,
): Promise<CsvSource[]> {
  const month = f.month;
  // cases.csv and persons.csv: the month's paid cases with their persons, kept per case (details-paid.ts).
  const paid = await paidCases(reader.db, reader.raw, month, rollId === null);
  // The month's amount of a case: its line of the confirmed roll (the roll's lines read once into a map), else the
  // amount in force, kept with the case.
  const rollFen = rollId
    ? new Map(
        statementOf<[string, number]>(
          reader.raw,
          'SELECT case_id, amount_fen FROM payment_roll_lines WHERE roll_id = ?',
        )
          .raw(true)
          .all(rollId),
      )
    : null;
  const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? null : fenToYuanNumber(fen));

  const cases = () =>
    mapRows(paid, (c) => [
      c.caseNo ?? '',
      c.k,
      CATEGORY_NAMES[c.k],
      label('area', c.area),
      c.village,
      c.head ?? '',
      idOut(c.headIdNumber),
      c.members,
      yuan(rollFen ? rollFen.get(c.id) : c.fen),
      c.start ?? '',
      c.stop ?? '',
    ]);

  const persons = () =>
    personRows(paid, (c, [name, id, sex, birth, grade, labour]) => [
      c.caseNo ?? '',
      c.k,
      label('area', c.area),
      c.village,
      name,
      idOut(id),
      label('sex', sex),
      fullIds ? (birth ?? '') : birthYearOnly(birth),
      grade,
      label('labourCapacity', labour),
    ]);

  const granted = grantedIn(month, month);
  const grants = () =>
    mapRows(
      stepRows<
        [
          string | null,
          Area,
          string,
          string | null,
          string | null,
          'emergency' | 'expenditure' | null,
          number | null,
          number,
        ]
      >(
        reader,
        sql`SELECT c.case_no, c.area, v.name, hp.name, hp.id_number, c.linshi_type, c.grant_amount_fen, c.advance_aid
        FROM cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
        LEFT JOIN people hp ON hp.id = coalesce(c.person_id, h.head_person_id)
        WHERE ${granted.where} ORDER BY v.sort_order, c.case_no`,
      ),
      ([caseNo, area, village, head, headId, type, fen, advance]) => [
        caseNo ?? '',
        label('area', area),
        village,
        head ?? '',
        idOut(headId),
        label('linshiType', type),
        yuan(fen),
        advance ? '是' : '否',
      ],
    );

  const dibao = (t: DibaoTable): CsvSource => ({
    file: `dibao_${t.area}.csv`,
    header: DIBAO_CSV_HEADER,
    rows: () => [t.total, ...t.villages].map((v) => dibaoRowValues(v).map((x) => (typeof x === 'object' ? x.n : x))),
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
      rows: cases,
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
      rows: persons,
    },
    {
      file: 'linshi.csv',
      header: ['证号', '城乡', '村(社区)', '姓名', '身份证号', '类型', '金额(元)', '先行救助'],
      rows: grants,
    },
    {
      file: 'changes.csv',
      // The change list's columns as the workbook's 变更清单 has them, with the row code instead of its name.
      header: CHANGE_COLUMNS.map((c) => (c === '保障类别' ? '类别代码' : c)),
      rows: () => changes.map((c) => changeCells(c, 'code', idOut)),
    },
    ...f.dibaoTables.map(dibao),
  ];
}
