// What one register kind tells the import engine (engine.ts): its columns and their synonyms, how a row becomes
// the input of the screen's own create method, how a record in the ledger is found again and compared, and how a
// record is written back as a row (export = template). The four kinds: facilities.ts, elderly.ts, orgs.ts,
// children.ts; what the registers of people share is in persons.ts.
import type { ImportKind } from '../../../../shared/api/exchange';
import type { ServiceContext } from '../../kernel';
import { CASE_FIELDS, fieldTable, type CaseField, type FieldDef, type FieldTable } from '../fields';
import type { CellValue } from '../cells';
import { text } from '../values';
import type { VillageMatcher } from '../villages';
import type { z } from 'zod';

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

/** A kind with its schema (the create method's input) and its synonym table. */
export interface RegisterKindDef<F extends string> {
  spec: KindSpec<F>;
  /** The create method's input schema for a row (organisations: 登记 or 备案, by the row). */
  schemaOf: (raw: Record<string, unknown>) => z.ZodType;
  table: FieldTable<F>;
}

export function defineKind<F extends string>(
  spec: KindSpec<F>,
  schema: z.ZodType | ((raw: Record<string, unknown>) => z.ZodType),
): RegisterKindDef<F> {
  return { spec, schemaOf: typeof schema === 'function' ? schema : () => schema, table: fieldTable(spec.fields) };
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

/** A column of a register (`level` none: registers have no household fields); the label is its first synonym. */
export const registerField = <F extends string>(key: F, label: string, synonyms: string[] = []): FieldDef<F> => ({
  key,
  label,
  synonyms: [label, ...synonyms.filter((s) => s !== label)],
  level: 'none',
});

/** A register's columns: 序号 first (numbered on export, never compared), then the register's own. */
export const registerColumns = <F extends string>(own: readonly FieldDef<F>[]): readonly FieldDef<F | 'seq'>[] => [
  registerField('seq', '序号', ['编号', '序']),
  ...own,
];
