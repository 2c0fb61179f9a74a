// 数据比对: a list from another department is read with the import's reader (header anywhere on the sheet), each
// row's ID number (15-digit numbers converted to 18) is matched against every person in the ledgers, and each hit is
// classified by what it means for the money:
//   active_recipient            covered this month by a paying case
//   member_of_paying_household  in a household with a paying case, but not covered by it
//   stopped                     only on cases that have stopped
//   register_only               only on the 特殊困难老年人 or the children's register (no case)
// Rows matching no one with one of these effects count as notOnLedger. Each hit becomes a 待核查 work item with a
// deadline in working days (the ledger's calendar); the comparison itself is kept (file hash, date, who, counts).
// With `record` on a deaths list, each matched person's death is recorded as in lifeevents/deaths.ts, citing the
// list's file and row.
//
// Two phases (issue 23.4): analyseCompare reads the list and the ledger and writes nothing — it runs in a worker
// thread (ledger/work) while the host keeps answering; recordCompare keeps the result in the method's transaction.
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CompareEffectValue, CompareHitJson, CompareListValue, CompareResult } from '../../../shared/api/compare';
import { badInput, LedgerError } from '../../../shared/errors';
import { normalizeIdNumber, parseIdNumber, upgradeLegacyIdNumber } from '../../../shared/idcard';
import { besideMaskedId, maskIdNumber } from '../../../shared/mask';
import { parseLooseDate, thisMonth, today } from '../../../shared/time';
import { actorOf, execute, ledgerWorkingDays, type ServiceContext } from '../kernel';
import { idAt, newId, nowIso } from '../ids';
import { isCellProblem, readSpreadsheet, type CellValue, type SheetRows } from '../exchange';
import { getLifeSettings, recordDeath } from '../lifeevents';
import { matchLedger, type CaseRef } from './ledger-match';

const ID_HEADER = /身份证|证件号|公民身份号码|身份号码|证件号码/;
const NAME_HEADER = /^(姓名|名字|死者姓名|人员姓名|户主姓名|当事人|所有人|车主姓名|登记人|权利人)$|姓名/;
const DEATH_HEADER = /死亡日期|死亡时间|注销日期|火化日期|死亡/;
const HEADER_SCAN_ROWS = 30;

const text = (v: CellValue | undefined): string => {
  if (v === null || v === undefined || isCellProblem(v)) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
};

interface ListLayout {
  sheet: SheetRows;
  headerIndex: number;
  headers: string[];
  idCol: number;
  nameCol: number | null;
  deathCol: number | null;
}

/** The first sheet with an ID-number header in its first rows; the header row is where that cell is. */
export function findLayout(sheets: SheetRows[], fileName: string): ListLayout {
  for (const sheet of sheets) {
    const scan = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
    for (let i = 0; i < scan; i++) {
      const headers = sheet.rows[i]!.cells.map((c) => text(c).replace(/\s+/g, ''));
      const idCol = headers.findIndex((h) => ID_HEADER.test(h) && h.length <= 20);
      if (idCol < 0) continue;
      const nameCol = headers.findIndex((h, j) => j !== idCol && NAME_HEADER.test(h));
      const deathCol = headers.findIndex((h, j) => j !== idCol && DEATH_HEADER.test(h) && !/原因|地点/.test(h));
      return {
        sheet,
        headerIndex: i,
        headers,
        idCol,
        nameCol: nameCol >= 0 ? nameCol : null,
        deathCol: deathCol >= 0 ? deathCol : null,
      };
    }
  }
  throw badInput(`“${fileName}”中找不到“身份证号码”列：请确认名单前 ${HEADER_SCAN_ROWS} 行中有“身份证号码”表头`);
}

/** UUIDv7 ids as newId makes them, with random bytes drawn for 256 ids at a time (newId draws them for each). */
function idSource(msecs: number): () => string {
  let pool = new Uint8Array(0);
  let at = 0;
  return () => {
    if (at >= pool.length) {
      pool = randomBytes(16 * 256);
      at = 0;
    }
    at += 16;
    return idAt(msecs, pool.subarray(at - 16, at));
  };
}

/** The 18-digit form of an ID number (15-digit numbers converted), or null when it is not a valid number. */
function id18(value: string, day: string): string | null {
  const parsed = parseIdNumber(value, { today: day });
  if (!parsed.ok) return null;
  return parsed.legacy ? upgradeLegacyIdNumber(parsed.value) : parsed.value;
}

export interface CompareInput {
  list: CompareListValue;
  fileName: string;
  bytes: Uint8Array;
  record?: boolean | undefined;
}

/** A hit of a deaths list with `record`: whose death to record, and the list's death date cell. */
export interface DeathRow {
  row: number;
  name: string;
  /** The case ledger's person; null for a register entry without one. */
  personId: string | null;
  diedCell: CellValue | undefined;
}

/** What reading a list against the ledger found; nothing written yet (recordCompare does that). */
export interface CompareAnalysis {
  input: Omit<CompareInput, 'bytes'>;
  sha256: string;
  day: string;
  result: CompareResult;
  /** The hits as the answer shows them. */
  hits: CompareHitJson[];
  /** With `record`: every hit, for the deaths to record (empty otherwise). */
  deaths: DeathRow[];
  /**
   * The hits' 待核查 work items as stored, made where the list is read: one JSON array of [id, row, person, name,
   * effect, cases, the list's other columns] (the last two JSON text), for one INSERT.
   */
  workItems: string;
  counts: Partial<Record<CompareEffectValue, number>>;
}

/** The steps of a comparison, for a progress display: (what is being done, done, in all). */
export type CompareProgress = (step: string, done: number, total: number) => void;

/** What the analysis reads with: a connection (the ledger's own, or a worker's read-only one) and the clock. */
export interface CompareReader {
  raw: Database.Database;
  now: () => Date;
}

/** Reads the list and matches every row against the ledger; reads only (it may run off the answering thread). */
export async function analyseCompare(
  reader: CompareReader,
  input: CompareInput,
  progress: CompareProgress = () => {},
): Promise<CompareAnalysis> {
  if (input.record && input.list !== 'deaths')
    throw new LedgerError('BAD_INPUT', '只有死亡名单可以“登记死亡”（--record）', { record: '仅限死亡名单' });
  progress('读取名单', 0, 1);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const read = await readSpreadsheet(input.bytes, input.fileName);
  const layout = findLayout(read.sheets, input.fileName);
  const now = reader.now();
  const day = today(now);
  const month = thisMonth(now);

  const result: CompareResult = {
    batchId: newId(),
    list: input.list,
    file: input.fileName,
    rows: 0,
    hits: [],
    notOnLedger: 0,
    badRows: [],
    sheet: layout.sheet.name,
    headerRow: layout.sheet.rows[layout.headerIndex]!.rowNumber,
    recorded: [],
    notRecorded: [],
  };
  const hits: CompareHitJson[] = [];
  const deaths: DeathRow[] = [];
  const workItems: [string, number, string, string, string, string, string][] = [];
  const nextId = idSource(now.getTime());
  const counts: Partial<Record<CompareEffectValue, number>> = {};
  const listRows = layout.sheet.rows.slice(layout.headerIndex + 1);
  // First the rows' numbers (a row's 18-digit key, or why it has none), then the ledger's people with one of them.
  const keys: (string | null)[] = [];
  for (const r of listRows) {
    const idText = text(r.cells[layout.idCol]);
    keys.push(idText ? id18(idText, day) : null);
  }
  const ledger = matchLedger(reader.raw, new Set(keys.filter((k): k is string => k !== null)), month);
  for (const [done, r] of listRows.entries()) {
    if (done % 500 === 0) progress('逐行比对', done, listRows.length);
    if (r.cells.every((c) => text(c) === '')) continue;
    result.rows++;
    const idText = text(r.cells[layout.idCol]);
    const name = layout.nameCol !== null ? text(r.cells[layout.nameCol]) : '';
    if (!idText) {
      result.badRows.push({
        row: r.rowNumber,
        message: `第 ${r.rowNumber} 行${name ? `（${name}）` : ''}：没有身份证号码`,
      });
      continue;
    }
    const key = keys[done];
    if (!key) {
      const parsed = parseIdNumber(idText, { today: day });
      const why = parsed.ok ? '身份证号码无法转换为18位' : parsed.message;
      result.badRows.push({ row: r.rowNumber, message: `第 ${r.rowNumber} 行${name ? `（${name}）` : ''}：${why}` });
      continue;
    }
    const p = ledger.people.get(key);
    const e = ledger.registers.get(key);
    let effect: CompareEffectValue | null = p?.effect ?? null;
    const cases: CaseRef[] = p?.effect ? p.cases : [];
    if (!effect && e) effect = 'register_only';
    if (!effect) {
      result.notOnLedger++;
      continue;
    }
    counts[effect] = (counts[effect] ?? 0) + 1;
    const columns: Record<string, string> = {};
    layout.headers.forEach((h, j) => {
      const v = text(r.cells[j]);
      // Shown beside the masked number: other ID numbers masked, a birth date cut to its year (src/shared/mask.ts).
      if (h && v && j !== layout.idCol) columns[h] = besideMaskedId(h, v);
    });
    const row = r.rowNumber;
    const shownName = name || p?.name || e?.name || '';
    hits.push({ row, name: shownName, idMasked: maskIdNumber(normalizeIdNumber(idText)), effect, cases });
    const personId = p?.id ?? e?.personId ?? e!.id;
    workItems.push([nextId(), row, personId, shownName, effect, JSON.stringify(cases), JSON.stringify(columns)]);
    if (input.record) {
      const diedCell = layout.deathCol !== null ? r.cells[layout.deathCol] : undefined;
      deaths.push({ row, name: shownName, personId: p?.id ?? e?.personId ?? null, diedCell });
    }
  }

  return {
    input: { list: input.list, fileName: input.fileName, record: input.record },
    sha256,
    day,
    result,
    hits,
    deaths,
    workItems: JSON.stringify(workItems),
    counts,
  };
}

/** Keeps the comparison (batch, one 待核查 work item per hit, journal) and, with `record`, the deaths; in ctx's transaction. */
export async function recordCompare(ctx: ServiceContext, a: CompareAnalysis): Promise<CompareResult> {
  const actor = actorOf(ctx);
  const { input, sha256, day, result, hits, deaths, workItems, counts } = a;
  const raw = ctx.ledger.raw;
  const now = ctx.now();
  const settings = await getLifeSettings(ctx.db);
  const dueOn = await ledgerWorkingDays(ctx.db, day, settings.compareDeadlineDays);
  const at = nowIso(now);
  await ctx.db
    .insertInto('compare_batches')
    .values({
      id: result.batchId,
      list: input.list,
      file_name: input.fileName,
      file_sha256: sha256,
      compared_on: day,
      rows: result.rows,
      hits: hits.length,
      not_on_ledger: result.notOnLedger,
      bad_rows: result.badRows.length,
      counts: JSON.stringify(counts),
      recorded_deaths: 0,
      created_by: actor.id,
      created_at: at,
    })
    .execute();
  // One statement for all work items, in the list's order (json_each reads the array in order).
  execute(
    raw,
    `INSERT INTO compare_hits (id, batch_id, row, person_id, name, effect, cases, columns, status, due_on, created_at, updated_at, version)
     SELECT value ->> 0, @batch, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, 'open',
       @due, @at, @at, 1 FROM json_each(@items)`,
    { batch: result.batchId, due: dueOn, at, items: workItems },
  );
  await ctx.journal({
    action: 'compare.run',
    entity: 'compare_batches',
    entityId: result.batchId,
    after: {
      list: input.list,
      file_name: input.fileName,
      file_sha256: sha256,
      rows: result.rows,
      hits: hits.length,
      not_on_ledger: result.notOnLedger,
      bad_rows: result.badRows.length,
      counts,
      due_on: dueOn,
    },
  });

  if (input.record) {
    for (const h of deaths) {
      const no = (message: string) => result.notRecorded.push({ row: h.row, name: h.name, message });
      if (!h.personId) {
        no('只在老年人名册中，没有可停发的救助（请在名册中办理注销）');
        continue;
      }
      const cell = h.diedCell;
      const diedOn =
        cell === undefined || isCellProblem(cell) || typeof cell === 'boolean' ? null : parseLooseDate(cell);
      if (!diedOn) {
        no('名单中没有可识别的死亡日期');
        continue;
      }
      const person = await ctx.db
        .selectFrom('people')
        .select(['id', 'deceased_on', 'birth_date'])
        .where('id', '=', h.personId)
        .executeTakeFirstOrThrow();
      if (person.deceased_on) {
        no(`已于 ${person.deceased_on} 登记死亡`);
        continue;
      }
      if (diedOn > day || (person.birth_date && diedOn < person.birth_date)) {
        no(`死亡日期 ${diedOn} 不合理（晚于今天或早于出生日期），请核实`);
        continue;
      }
      try {
        await recordDeath(ctx, {
          personId: person.id,
          diedOn,
          source: 'compare',
          sourceRef: `${input.fileName} 第 ${h.row} 行（SHA-256 ${sha256.slice(0, 12)}）`,
        });
        result.recorded.push({ row: h.row, name: h.name, personId: person.id });
      } catch (err) {
        if (!(err instanceof LedgerError)) throw err;
        result.notRecorded.push({ row: h.row, name: h.name, message: err.message });
      }
    }
    await ctx.db
      .updateTable('compare_batches')
      .set({ recorded_deaths: result.recorded.length })
      .where('id', '=', result.batchId)
      .execute();
  }
  result.hits = hits;
  return result;
}
