// The ledger details behind the month's figures, one CSV each in the archive: cases paid, persons covered,
// 临时救助 grants, the change list and the county 低保 tables. Text cells are neutralised; ID numbers are masked
// unless the municipal format setting asks for them in full. The rows are read from the ledger one at a time and
// written as CSV text in chunks (writeCsv); cases.csv and persons.csv come from one read of the paid cases, and
// persons.csv's rows are held (as cells) only while cases.csv is written.
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
import { BIRTH_DATE } from './attributes';
import { DIBAO_CSV_HEADER, dibaoRowValues } from './forms/dibao';
import { CHANGE_COLUMNS, changeCells } from './forms/changes';
import { CATEGORY_NAMES } from './labels';
import { amountFenInForce, grantedIn, paidIn, ROW_KEY } from './sets';

export type Cell = string | number | null;

/** One CSV of the archive: its header and its rows, produced one at a time when the file is written. */
export interface CsvSource {
  file: string;
  header: string[];
  rows: () => Iterable<Cell[]>;
}

function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = neutralizeSpreadsheetCell(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
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
  let text = `${src.header.map(csvCell).join(',')}\r\n`;
  let n = 0;
  for (const r of src.rows()) {
    text += `${r.map(csvCell).join(',')}\r\n`;
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
function* stepRows<R extends unknown[]>(r: DetailReader, q: RawBuilder<unknown>): Iterable<R> {
  const { sql: text, parameters } = q.compile(r.db);
  yield* statementOf<R>(r.raw, text)
    .raw(true)
    .iterate(...parameters);
}

function* mapRows<R>(rows: Iterable<R>, f: (r: R) => Cell[]): Iterable<Cell[]> {
  for (const r of rows) yield f(r);
}

type Code = keyof typeof CATEGORY_NAMES;
type Area = 'urban' | 'rural';
/**
 * A paid case with one of its covered persons (or none): the case's columns, then whether a covered member row was
 * joined (counted in 保障人数) and whether a person was found (a row of persons.csv), then the person's columns.
 */
type PaidLine = [
  caseId: string,
  order: number | null,
  caseNo: string | null,
  k: Code,
  area: Area,
  village: string,
  head: string | null,
  headId: string | null,
  start: string | null,
  stop: string | null,
  member: 0 | 1,
  person: 0 | 1,
  name: string,
  id: string | null,
  sex: 'M' | 'F' | null,
  birth: string | null,
  grade: number | null,
  labour: string | null,
];

/**
 * cases.csv and persons.csv from ONE read of the month's paid cases, each joined to its covered members and their
 * people rows (persons as sets.ts personsOf counts them: the covered members, or the case's own person when it has
 * no member rows at all), in persons.csv's order — village order, row code, 证号, name — which is cases.csv's order
 * too. cases.csv's rows are handed on as they are read, each when the next sort key begins (cases with the same key
 * are interleaved by their persons' names); persons.csv's rows are kept for it meanwhile (the archive writes cases.csv
 * first). Reading the cases, households and people once instead of twice was about a third of the package's time.
 */
function paidCasesAndPersons(
  read: () => Iterable<PaidLine>,
  caseRow: (l: PaidLine, persons: number) => Cell[],
  personRow: (l: PaidLine) => Cell[],
): { cases: () => Iterable<Cell[]>; persons: () => Iterable<Cell[]> } {
  let kept: Cell[][] | null = null;
  function* pass(): Iterable<Cell[]> {
    const persons: Cell[][] = [];
    let key = '';
    let group = new Map<string, { line: PaidLine; n: number }>();
    for (const l of read()) {
      const k = `${l[1]}|${l[3]}|${l[2] === null ? '' : `=${l[2]}`}`;
      if (k !== key) {
        for (const c of group.values()) yield caseRow(c.line, c.n);
        group = new Map();
        key = k;
      }
      let c = group.get(l[0]);
      if (!c) group.set(l[0], (c = { line: l, n: 0 }));
      if (l[10]) c.n++;
      if (l[11]) persons.push(personRow(l));
    }
    for (const c of group.values()) yield caseRow(c.line, c.n);
    kept = persons;
  }
  return {
    cases: pass,
    *persons() {
      if (kept === null) for (const _ of pass());
      const rows = kept ?? [];
      kept = null;
      yield* rows;
    },
  };
}

export function detailSources(
  reader: DetailReader,
  f: MonthFigures,
  changes: ChangeItem[],
  rollId: string | null,
  idOut: (s: string | null) => string,
  /** True only for the municipal full-number format: then the full birth date may stand beside the full number. */
  fullIds = false,
): CsvSource[] {
  const month = f.month;
  const paid = paidIn(month);
  // The month's amount of a case: its line of the confirmed roll, else the amount in force (from the index) — read
  // once into a map by case (one range of the roll; one look-up per case, not one per person of the read below).
  const fenByCase = (): Map<string, number | null> =>
    new Map(
      rollId
        ? statementOf<[string, number]>(
            reader.raw,
            'SELECT case_id, amount_fen FROM payment_roll_lines WHERE roll_id = ?',
          )
            .raw(true)
            .all(rollId)
        : stepRows<[string, number | null]>(
            reader,
            sql`SELECT c.id, (${amountFenInForce(sql`${month}`)}) FROM cases c NOT INDEXED WHERE ${paid.where}`,
          ),
    ) as Map<string, number | null>;
  let fen = new Map<string, number | null>();
  const yuan = (v: number | null | undefined) => (v === null || v === undefined ? null : fenToYuanNumber(v));

  // The cases are read by a scan of the table (NOT INDEXED): a month pays most live cases, and walking the
  // stop_month index then looking up each row costs more than reading the table once.
  const { cases, persons } = paidCasesAndPersons(
    () => {
      fen = fenByCase(); // before the read below begins: one statement at a time
      return stepRows<PaidLine>(
        reader,
        sql`SELECT c.id, v.sort_order, c.case_no, (${ROW_KEY}) AS k, c.area, v.name, hp.name, hp.id_number,
          c.start_month, c.stop_month, cm.case_id IS NOT NULL, p.id IS NOT NULL, p.name, p.id_number, p.sex,
          ${BIRTH_DATE}, p.disability_grade, p.labour_capacity
        FROM cases c NOT INDEXED JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
        LEFT JOIN people hp ON hp.id = coalesce(c.person_id, h.head_person_id)
        LEFT JOIN case_members cm ON cm.case_id = c.id AND ${paid.memberCovered}
        LEFT JOIN people p ON p.id = coalesce(cm.person_id, CASE WHEN c.person_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM case_members x WHERE x.case_id = c.id) THEN c.person_id END)
        WHERE ${paid.where} ORDER BY v.sort_order, k, c.case_no, p.name`,
      );
    },
    ([id, , caseNo, k, area, village, head, headId, start, stop], n) => {
      return [
        caseNo ?? '',
        k,
        CATEGORY_NAMES[k],
        label('area', area),
        village,
        head ?? '',
        idOut(headId),
        n,
        yuan(fen.get(id)),
        start ?? '',
        stop ?? '',
      ];
    },
    ([, , caseNo, k, area, village, , , , , , , name, id, sex, birth, grade, labour]) => [
      caseNo ?? '',
      k,
      label('area', area),
      village,
      name,
      idOut(id),
      label('sex', sex),
      fullIds ? (birth ?? '') : birthYearOnly(birth),
      grade,
      label('labourCapacity', labour),
    ],
  );

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
