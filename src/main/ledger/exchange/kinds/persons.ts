// The registers of people (特殊困难老年人 elderly.ts, 儿童福利 children.ts) as import kinds: what they share. Each
// begins with the same identity columns (序号, 姓名, 身份证号码, 性别, 村(社区), 住址) and ends with 登记日期 and 备注;
// a record is the person with that ID number; the import compares everything but 登记日期 and the number itself,
// and changes a record through the screen's own update method. `personKind` builds a kind from the register's own
// columns, reading, loading and writing.
import type { Selectable } from 'kysely';
import { badInput } from '../../../../shared/errors';
import { idForExport } from '../../../../shared/mask';
import type { DB } from '../../db';
import type { ServiceContext } from '../../kernel';
import type { FieldDef } from '../fields';
import { isBlank, parseIdCell, parseSexCell, text } from '../values';
import { optDateCell, optText, shownOf } from './cells';
import {
  fieldPathMap,
  readVillage,
  registerColumns,
  registerField,
  sharedSynonyms,
  type Existing,
  type KindSpec,
  type OutCell,
  type RegisterKind,
  type Report,
  type RowEnv,
  type RowReader,
} from './spec';
import type { z } from 'zod';

/** The columns every register of people has. */
export type PersonField = 'seq' | 'name' | 'idNumber' | 'sex' | 'village' | 'address' | 'registeredOn' | 'remark';

/** The other names a clerk's sheet gives the shared columns, which differ by register. */
export interface PersonSynonyms {
  name: string[];
  address: string[];
  registeredOn: string[];
}

/** A register's columns in template order: the identity columns, the register's own, 登记日期 and 备注. */
export function personFields<F extends string>(
  synonyms: PersonSynonyms,
  own: readonly FieldDef<F>[],
): readonly FieldDef<F | PersonField>[] {
  const f = registerField<PersonField>;
  return registerColumns<F | PersonField>([
    f('name', '姓名', synonyms.name),
    f('idNumber', '身份证号码', sharedSynonyms('idNumber')),
    f('sex', '性别', []),
    f('village', '村(社区)', sharedSynonyms('village')),
    f('address', '住址', synonyms.address),
    ...own,
    f('registeredOn', '登记日期', synonyms.registeredOn),
    f('remark', '备注', ['说明']),
  ]);
}

/**
 * The 身份证号码 of a row (GB 11643, Excel's scientific notation and masked numbers refused, a 15-digit number with a
 * notice), checked against a 性别 column if there is one (a notice: the number wins). Null after reporting.
 */
function readIdNumber<F extends string>(
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

/** How a person of a register is named in the preview: 刘桂兰（**************0123）. */
export const personSubject = (name: string, idNumber: string): string => `${name}（${idForExport(idNumber, false)}）`;

/**
 * The pieces the registers of people (elderly, children) share: columns ↔ input paths (村(社区) → villageId; 序号
 * and 性别 are not compared) and the identity, the ID number.
 */
function personPieces<F extends string>(
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

/**
 * The active records of a register of people (特殊困难老年人, 儿童) by village and name, as the import compares them:
 * the identity every such register stores, the register's own fields (`rest`), 登记日期 and 备注.
 */
async function loadPersonRegister<T extends 'elderly_people' | 'children'>(
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
      registeredOn: r.registered_on,
      remark: r.remark,
    },
  }));
}

/** 登记日期: blank = the day of the import; undefined after reporting a bad date. */
function readRegisteredOn<F extends string>(
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

/** What a register of people adds to the shared columns and rules. */
export interface PersonKindDef<F extends string, T extends 'elderly_people' | 'children', C, I> {
  kind: RegisterKind;
  title: string;
  unit: string;
  fields: readonly FieldDef<F | PersonField>[];
  notes: Partial<Record<F | PersonField, string>>;
  textColumns: readonly (F | PersonField)[];
  /** The register's own columns a sheet cannot do without (besides 姓名, 身份证号码 and 村(社区)). */
  required: readonly F[];
  /** The table of the register (active records are compared). */
  table: T;
  /** The register's own columns of a row, read into `input` after 住址 and before 登记日期. */
  read(row: RowReader<F | PersonField>, report: Report<F | PersonField>, input: Record<string, unknown>): void;
  /** The register's own fields of a record, in the create input's shape. */
  load(r: Selectable<DB[T]>): Record<string, unknown>;
  /** The screen's create method's handler (the row, parsed by its input schema). */
  create(ctx: ServiceContext, input: C): Promise<unknown>;
  /** The screen's update method: its input schema and handler. */
  update: { input: z.ZodType<I>; run(ctx: ServiceContext, input: I): Promise<unknown> };
  /** The register's own columns of a record; `s(path)` is a text value or ''. */
  toRow(
    current: Record<string, unknown>,
    s: (path: string) => string,
    fullIds: boolean,
  ): Partial<Record<F | PersonField, OutCell>>;
  /** Shown value of one of the register's own paths for the change list (enumerated values …), else null. */
  shown(path: string, value: unknown): string | null;
}

/**
 * A register of people as an import kind: 姓名, 身份证号码, 村(社区) (required) and 住址 read the same way for every
 * register, the register's own columns, then 登记日期 (blank = the day of the import) and 备注. 登记日期, the ID
 * number and 性别 (which the number gives) are never changed by an import.
 */
export function personKind<F extends string, T extends 'elderly_people' | 'children', C, I>(
  def: PersonKindDef<F, T, C, I>,
): KindSpec<F | PersonField> {
  return {
    kind: def.kind,
    title: def.title,
    unit: def.unit,
    fields: def.fields,
    keyFields: ['idNumber', 'name'],
    requiredColumns: ['name', 'idNumber', 'village', ...def.required],
    columns: def.fields.map((x) => x.key),
    notes: def.notes,
    textColumns: def.textColumns,
    personal: true,

    read(row, report, env) {
      const input: Record<string, unknown> = { name: text(row.get('name')).replace(/\s+/gu, '') };
      const id = readIdNumber(row, report, env.today);
      if (id === null) return null;
      input.idNumber = id.value;
      const village = readVillage(row, report, env, true);
      if (village !== undefined) input.villageId = village;
      input.address = optText(row.get('address'));
      def.read(row, report, input);
      input.registeredOn = readRegisteredOn(row, report, env);
      input.remark = optText(row.get('remark'));
      return input;
    },

    ...personPieces(def.fields),

    load: (ctx) => loadPersonRegister(ctx, def.table, def.load),

    async create(ctx, input) {
      await def.create(ctx, input as C);
    },

    fixedPaths: ['registeredOn', 'idNumber'],

    async update(ctx, existing, merged, reason) {
      const { registeredOn: _r, idNumber: _i, sex: _s, ...fields } = merged;
      const parsed = def.update.input.safeParse({
        ...fields,
        id: existing.id,
        version: existing.version,
        reason,
      });
      if (!parsed.success) throw badInput(parsed.error.issues[0]?.message ?? '输入有误');
      await def.update.run(ctx, parsed.data);
    },

    toRow(c, villageName, fullIds) {
      const s = (p: string): string => (c[p] as string | null | undefined) ?? '';
      return {
        name: s('name'),
        idNumber: idForExport(s('idNumber'), fullIds),
        sex: c.sex === 'M' ? '男' : '女',
        village: villageName(s('villageId')),
        address: s('address'),
        ...def.toRow(c, s, fullIds),
        registeredOn: s('registeredOn'),
        remark: s('remark'),
      };
    },

    shown: (path, value) => def.shown(path, value) ?? shownOf(value),
  };
}
