// The review queue (复核队列): village changes, or some of their fields, that were not applied because the office had
// changed the same thing, and possible duplicate people. A reviewer takes the village's values, keeps the office's,
// or edits — each a journalled write of the dispatcher, naming the queue entry's version it saw.
import { sql } from 'kysely';
import { LedgerError, notFound } from '../../../shared/errors';
import { actorOf, updateVersioned, type ServiceContext } from '../kernel';
import { newIdNumbers, pairIdsInto } from './apply';
import {
  findRecord,
  mergedInput,
  overreach,
  RecordFinder,
  versionedTables,
  type FieldConflict,
  type RecordPlan,
} from './merge';
import { runChange } from './registry';

export type Choice = 'village' | 'office' | 'edit';

export interface ResolveInput {
  id: string;
  version: number;
  choice: Choice;
  /** For 'edit': column → value for every field waiting. */
  values?: Record<string, unknown> | undefined;
  reason?: string | null | undefined;
}

interface VillageValues {
  input: unknown;
  output?: unknown;
  author: string;
  at: string;
}

/** Every {id, version} of the input set to the record's current version (the reviewer chose the village's change). */
async function atCurrentVersions(ctx: ServiceContext, input: unknown): Promise<unknown> {
  const copy = JSON.parse(JSON.stringify(input)) as unknown;
  const tables = await versionedTables(ctx.db);
  const objs: Record<string, unknown>[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.id === 'string' && typeof o.version === 'number') objs.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(copy);
  for (const o of objs) {
    const found = await findRecord(ctx.db, tables, o.id as string);
    if (found) o.version = found.row.version;
  }
  return copy;
}

export async function resolveQueued(ctx: ServiceContext, input: ResolveInput): Promise<void> {
  const q = await ctx.db.selectFrom('village_queue').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!q) throw notFound('该复核事项');
  if (q.status !== 'open') throw new LedgerError('RULE', '该复核事项已经处理过');
  const vv = JSON.parse(q.village_values) as VillageValues;
  const fields = q.fields ? (JSON.parse(q.fields) as FieldConflict[]) : [];
  let chosen: Record<string, unknown> | null = null;
  let outcome: { result: 'applied' | 'refused' | null; message: string };

  if (input.choice === 'office') {
    outcome =
      q.kind === 'fields'
        ? { result: null, message: `复核：保留办公室的值（${fields.map((f) => f.column).join('、')}）` }
        : {
            result: 'refused',
            message:
              q.kind === 'refused'
                ? '复核：确认拒绝，村里的这项变更未采用'
                : '复核：保留办公室的记录，村里的这项变更未采用',
          };
  } else if (q.kind === 'fields') {
    if (input.choice === 'edit') {
      const given = input.values ?? {};
      const missing = fields.filter((f) => !Object.hasOwn(given, f.column));
      if (missing.length > 0) {
        throw new LedgerError(
          'BAD_INPUT',
          `请填写复核后的值：${missing.map((f) => f.field ?? f.column).join('、')}`,
          Object.fromEntries(missing.map((f) => [`values.${f.column}`, '请填写复核后的值'])),
        );
      }
      chosen = Object.fromEntries(fields.map((f) => [f.column, given[f.column] ?? null]));
    } else {
      chosen = Object.fromEntries(fields.map((f) => [f.column, f.village]));
    }
    const tables = await versionedTables(ctx.db);
    const found = q.entity_id ? await findRecord(ctx.db, tables, q.entity_id) : null;
    if (!found) throw notFound('复核所涉及的记录');
    const plan: RecordPlan = {
      table: found.table,
      id: q.entity_id!,
      baseVersion: Number(found.row.version),
      row: found.row,
      village: new Map(fields.map((f) => [f.column, { before: f.base, after: chosen![f.column] }])),
      conflicts: [],
    };
    const runInput = mergedInput(vv.input, [plan], new Map([[plan.id, chosen]]));
    const { entries } = await runChange(ctx, q.method, runInput);
    const over = overreach(entries, [plan], () => new Set(fields.map((f) => f.column)));
    if (over.length > 0) {
      throw new LedgerError(
        'CONFLICT',
        `采用这些值还会改动其他字段（${over.join('、')}），未保存：请在记录页面直接修改`,
      );
    }
    outcome = {
      result: null,
      message: `复核：${input.choice === 'edit' ? '采用复核后修改的值' : '采用村里的值'}（${fields.map((f) => f.column).join('、')}）`,
    };
  } else {
    let sent = vv.input;
    if (input.choice === 'edit') {
      const edited = editedInput(q.kind as EditableKind, q.method, vv.input, input.values ?? {});
      chosen = edited.values;
      sent = edited.input;
      if (q.kind === 'duplicate') {
        const still = newIdNumbers(q.method, sent);
        const known = still.length
          ? await ctx.db.selectFrom('people').select(['name', 'id_number']).where('id_number', 'in', still).execute()
          : [];
        if (known.length > 0) {
          throw new LedgerError(
            'RULE',
            `身份证号 ${known.map((k) => k.id_number).join('、')} 仍已在办公室台账登记（${known.map((k) => k.name).join('、')}）：是同一人时请保留办公室的记录`,
            { 'values.idNumber': '仍与办公室台账中的人员相同' },
          );
        }
      }
    }
    const runInput = q.kind === 'duplicate' ? sent : await atCurrentVersions(ctx, sent);
    const { out } = await runChange(ctx, q.method, runInput);
    if (vv.output !== undefined) {
      await pairIdsInto(
        ctx.db,
        q.copy_id,
        vv.output,
        out,
        null,
        new RecordFinder(ctx.ledger.raw, await versionedTables(ctx.db)),
      );
    }
    outcome = {
      result: 'applied',
      message: input.choice === 'edit' ? '复核：修改后采用村里的变更' : '复核：采用村里的变更',
    };
  }

  const actor = actorOf(ctx);
  const at = ctx.now().toISOString();
  if (outcome.result) {
    await sql`UPDATE village_applied SET result = ${outcome.result}, message = ${outcome.message}
      WHERE change_id = ${q.change_id}`.execute(ctx.db);
  } else {
    await sql`UPDATE village_applied SET message = coalesce(message, '') || '；' || ${outcome.message}
      WHERE change_id = ${q.change_id}`.execute(ctx.db);
  }
  await updateVersioned(
    ctx,
    'village_queue',
    q.id,
    input.version,
    {
      status: 'resolved',
      resolution: input.choice,
      resolved_by: actor.name,
      resolved_at: at,
      resolved_values: chosen ? JSON.stringify(chosen) : null,
    },
    { action: 'village.resolve', what: '该复核事项', reason: input.reason ?? outcome.message },
  );
}

export type EditableKind = 'conflict' | 'duplicate' | 'refused';

/** The fields of a waiting change a reviewer may edit, with the village's values: [input field, value]. */
export function editableFields(kind: string, method: string, input: unknown): [string, unknown][] {
  if (kind === 'duplicate') {
    const person = duplicatePerson(method, input);
    return person ? (['name', 'idNumber'] as const).map((k) => [k, person[k] ?? null]) : [];
  }
  if (kind !== 'conflict' && kind !== 'refused') return [];
  const i = (input ?? {}) as Record<string, unknown>;
  return Object.entries(i).filter(
    ([k, v]) => k !== 'id' && k !== 'version' && !k.endsWith('Id') && (typeof v !== 'object' || v === null),
  );
}

/** Why a waiting change has nothing to edit (shown instead of 修改后采用), or null when it has. */
export function whyNotEditable(kind: string, method: string, input: unknown): string | null {
  if (kind === 'fields') return null;
  if (editableFields(kind, method, input).length > 0) return null;
  return kind === 'duplicate'
    ? '这项登记中找不到可修改的人员信息：请采用村里的或保留办公室的'
    : '这项变更只涉及记录之间的关系（没有可填写的内容）：只能采用村里的或保留办公室的，需要时在记录页面另行修改';
}

/** The person a possible duplicate is about (the new member whose ID number the office knows). */
function duplicatePerson(method: string, input: unknown): Record<string, unknown> | null {
  const i = input as { members?: Record<string, unknown>[]; person?: Record<string, unknown> } | null;
  if (method === 'households.addMember') return i?.person ?? null;
  if (method === 'households.create') return i?.members?.[0] ?? null;
  return null;
}

/** The waiting change with the reviewer's values: top-level fields, or (a duplicate) the new person's name and ID. */
function editedInput(
  kind: EditableKind,
  method: string,
  input: unknown,
  values: Record<string, unknown>,
): { input: unknown; values: Record<string, unknown> } {
  const allowed = editableFields(kind, method, input).map(([k]) => k);
  if (allowed.length === 0) throw new LedgerError('RULE', whyNotEditable(kind, method, input)!);
  const given = Object.fromEntries(Object.entries(values).filter(([k]) => allowed.includes(k)));
  if (Object.keys(given).length === 0) {
    throw new LedgerError('BAD_INPUT', '请填写复核后的值', { values: '请填写复核后的值' });
  }
  const copy = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
  if (kind === 'duplicate') {
    const person = duplicatePerson(method, copy)!;
    Object.assign(person, given);
  } else {
    Object.assign(copy, given);
  }
  return { input: copy, values: given };
}
