// What one register kind tells the import engine (engine.ts): its columns and their synonyms, how a row becomes
// the input of the screen's own create method, how a record in the ledger is found again and compared, and how a
// record is written back as a row (export = template). The four kinds: facilities.ts, elderly.ts, orgs.ts,
// children.ts.
import type { ImportKind } from '../../../../shared/api/exchange';
import type { Selectable } from 'kysely';
import type { DB } from '../../db';
import type { ServiceContext } from '../../kernel';
import { CASE_FIELDS, type CaseField, type FieldDef } from '../fields';
import type { CellValue } from '../read';
import { idForExport } from '../../../../shared/mask';
import { isBlank, parseIdCell, parseSexCell, text } from '../values';
import { optDateCell } from './cells';
import type { VillageMatcher } from '../villages';

export type RegisterKind = Exclude<ImportKind, 'cases'>;

export interface RowEnv {
  today: string;
  villages: VillageMatcher;
}

/** Reports a problem on the row being read, at a column (its field) or on the row as a whole (null). */
export type Report<F extends string> = (field: F | null, message: string, severity?: 'error' | 'warning') => void;

export interface RowReader<F extends string> {
  /** Whether the sheet has a column for the field. */
  has(field: F): boolean;
  get(field: F): CellValue | undefined;
}

/** A record of the ledger as the import compares it: the create input's shape, normalised the same way. */
export interface Existing {
  id: string;
  version: number;
  /** The record in the create method's (parsed) input shape. */
  current: Record<string, unknown>;
  /** How the preview names it: 城东街道养老服务中心 / 张三（****1234）. */
  subject: string;
}

/** A cell as written to a template or export. */
export type OutCell = string | number | null;

export interface KindSpec<F extends string> {
  kind: RegisterKind;
  /** 养老服务设施台账 … (titles, file names). */
  title: string;
  /** The record as counted: 家设施 / 人 / 个社会组织 / 名儿童. */
  unit: string;
  fields: readonly FieldDef<F>[];
  /** A header must name at least one of these (with one more known column). */
  keyFields: readonly F[];
  /** Columns the sheet cannot do without (the preview names the missing ones). */
  requiredColumns: readonly F[];
  /** Template/export order. */
  columns: readonly F[];
  /** Template notes: how to fill each column. */
  notes: Partial<Record<F, string>>;
  /** Columns written as text (ID numbers, dates, phones, codes) so Excel keeps them as typed. */
  textColumns: readonly F[];
  /** Whether records are people with ID numbers (persons counted; exports mask numbers unless asked). */
  personal: boolean;
  /**
   * The input of the create method for one row (before its schema), or null when the row cannot give one (a
   * problem was reported). Reports go to the field's column.
   */
  read(row: RowReader<F>, report: Report<F>, env: RowEnv): Record<string, unknown> | null;
  /** The field whose column an input path (zod issue path[0], LedgerError field) belongs to. */
  fieldOfPath(path: string): F | null;
  /** Identity of a parsed input, for duplicates in the file and matching in the ledger; the first is the main one. */
  keys(input: Record<string, unknown>): { key: string; field: F; shown: string }[];
  /** Input paths a column gives (compare only what the file has). */
  pathsOf(field: F): readonly string[];
  /** The records in the ledger the file may match or export (active ones). */
  load(ctx: ServiceContext): Promise<Existing[]>;
  /** Creates the record through the screen's own method (handler); throws LedgerError on a broken rule. */
  create(ctx: ServiceContext, input: Record<string, unknown>): Promise<void>;
  /**
   * Paths that cannot be changed by an edit (they change by a dated event on the record's page); a difference there
   * is a notice, not a change.
   */
  fixedPaths: readonly string[];
  /** Applies a change through the screen's own update method: `merged` = current overlaid with the file's values. */
  update(ctx: ServiceContext, existing: Existing, merged: Record<string, unknown>, reason: string): Promise<void>;
  /** A record as a row of the template's columns. `fullIds`: full ID numbers (otherwise masked). */
  toRow(
    current: Record<string, unknown>,
    villageName: (id: string | null) => string,
    fullIds: boolean,
  ): Partial<Record<F, OutCell>>;
  /** Shown value of a path for the change list. */
  shown(path: string, value: unknown): string;
}

/** The field of an input path: the field of the same name, else the given exceptions (villageId -> village). */
export function fieldPathMap<F extends string>(
  fields: readonly FieldDef<F>[],
  exceptions: Readonly<Record<string, F>>,
): (path: string) => F | null {
  const keys = new Set<string>(fields.map((f) => f.key));
  return (path) => (Object.hasOwn(exceptions, path) ? (exceptions[path] ?? null) : keys.has(path) ? (path as F) : null);
}

/** The case ledger's synonyms of a column every register also has (村(社区), 姓名, 身份证号码 …), label first. */
export function sharedSynonyms(key: CaseField): string[] {
  const def = CASE_FIELDS.find((f) => f.key === key);
  return def ? [def.label, ...def.synonyms] : [];
}

/**
 * The 身份证号码 of a row (GB 11643, Excel's scientific notation and masked numbers refused, a 15-digit number with a
 * notice), checked against a 性别 column if there is one (a notice: the number wins). Null after reporting.
 */
export function readIdNumber<F extends string>(
  row: RowReader<F | 'idNumber' | 'sex'>,
  report: Report<F | 'idNumber' | 'sex'>,
  today: string,
): { value: string; sex: 'M' | 'F'; birthDate: string } | null {
  const id = parseIdCell(row.get('idNumber'), today);
  if (!id.ok) {
    report('idNumber', id.message);
    return null;
  }
  if (id.warning) report('idNumber', id.warning, 'warning');
  const sexCell = row.get('sex');
  if (row.has('sex') && !isBlank(sexCell)) {
    const s = parseSexCell(sexCell);
    if (!s.ok) report('sex', s.message, 'warning');
    else if (s.value !== id.value.sex) {
      report(
        'sex',
        `性别与身份证号码不符（号码显示为${id.value.sex === 'M' ? '男' : '女'}），以身份证号码为准`,
        'warning',
      );
    }
  }
  return { value: id.value.value, sex: id.value.sex, birthDate: id.value.birthDate };
}

/**
 * The 村(社区) of a row, matched to the township's list (简称, 撤并 villages with a notice): its id; null when blank
 * and not required; undefined after reporting a problem.
 */
export function readVillage<F extends string>(
  row: RowReader<F | 'village'>,
  report: Report<F | 'village'>,
  env: RowEnv,
  required: boolean,
): string | null | undefined {
  const name = text(row.get('village'));
  if (name === '') {
    if (!required) return null;
    report('village', row.has('village') ? '村(社区)为空' : '没有“村(社区)”列');
    return undefined;
  }
  const m = env.villages.match(name);
  if (!m.ok) {
    report('village', m.message);
    return undefined;
  }
  if (m.note) report('village', m.note, 'warning');
  return m.id;
}

/** How a person of a register is named in the preview: 刘桂兰（**************0123）. */
export const personSubject = (name: string, idNumber: string): string => `${name}（${idForExport(idNumber, false)}）`;

/**
 * The pieces the registers of people (elderly, children) share: columns ↔ input paths (村(社区) → villageId; 序号
 * and 性别 are not compared) and the identity, the ID number.
 */
export function personPieces<F extends string>(
  fields: readonly FieldDef<F>[],
): Pick<KindSpec<F>, 'fieldOfPath' | 'pathsOf' | 'keys'> {
  return {
    fieldOfPath: fieldPathMap<F>(fields, { villageId: 'village' as F }),
    pathsOf: (field) => (field === 'seq' || field === 'sex' ? [] : field === 'village' ? ['villageId'] : [field]),
    keys: (input) => [
      {
        key: `id:${String(input.idNumber)}`,
        field: 'idNumber' as F,
        shown: personSubject(String(input.name), String(input.idNumber)),
      },
    ],
  };
}

/** A column of a register (`level` none: registers have no household fields); the label is its first synonym. */
export const registerField = <F extends string>(key: F, label: string, synonyms: string[] = []): FieldDef<F> => ({
  key,
  label,
  synonyms: [label, ...synonyms.filter((s) => s !== label)],
  level: 'none',
});

/**
 * The active records of a register of people (特殊困难老年人, 儿童) by village and name, as the import compares them:
 * the identity every such register stores, then the register's own fields (`rest`).
 */
export async function loadPersonRegister<T extends 'elderly_people' | 'children'>(
  ctx: ServiceContext,
  table: T,
  rest: (r: Selectable<DB[T]>) => Record<string, unknown>,
): Promise<Existing[]> {
  const rows = await ctx.db
    .selectFrom(table as 'children')
    .selectAll()
    .where('status', '=', 'active')
    .orderBy('village_id')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    subject: personSubject(r.name, r.id_number),
    current: {
      name: r.name,
      idNumber: r.id_number,
      sex: r.sex,
      villageId: r.village_id,
      address: r.address,
      ...rest(r as unknown as Selectable<DB[T]>),
    },
  }));
}

/** 登记日期: blank = the day of the import; undefined after reporting a bad date. */
export function readRegisteredOn<F extends string>(
  row: RowReader<F | 'registeredOn'>,
  report: Report<F | 'registeredOn'>,
  env: RowEnv,
): string | undefined {
  const on = optDateCell(row.get('registeredOn'), '登记日期');
  if (!on.ok) {
    report('registeredOn', on.message);
    return undefined;
  }
  return on.value ?? env.today;
}
