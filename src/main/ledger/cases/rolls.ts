// 发放花名册: the monthly payment roll. Generated in one INSERT … SELECT from the cases in payment in the month
// (amount = the case_amounts row in effect; persons = case_members active in the month), compared with the previous
// month, confirmed by a reviewer other than the generator, then locked. 临时救助 is not on the roll: it is a one-off
// grant (paid from the 备用金 or by the county), reported by its grant month.
import { join } from 'node:path';
import type {
  Category,
  PrintableRoll,
  RollConfirmPreview,
  RollDiff,
  RollGap,
  RollDiffRow,
  RollLineView,
  RollView,
  Page,
  AreaValue,
} from '../../../shared/api/cases';
import { LedgerError, conflict, notFound, rule, staleEdit } from '../../../shared/errors';
import { maskIdNumber } from '../../../shared/idcard';
import { FULL_ID_REASON_MESSAGE, FULL_ID_REASON_MIN, fullIdNotice } from '../../../shared/mask';
import { label } from '../../../shared/labels';
import { addMonths } from '../../../shared/time';
import { neutralizeSpreadsheetCell } from '../../../shared/text';
import { actorOf, type ServiceContext } from '../kernel/context';
import { updateVersioned } from '../kernel/write';
import { exportStamp, writeNewExportFile } from '../exportfile';
import { newId, nowIso } from '../ids';
import { assertMonthOpen } from '../periods';
import { getSetting } from '../settings';
import { maskAccount } from '../people';
import type { PaymentRollsTable } from './tables';

const INDIVIDUAL_SQL = `(c.category IN ('tekun','canji_living','canji_care','guer','wurenfuyang') OR c.single_person = 1)`;

/**
 * The roll's lines for month @m, computed from the cases (the columns of payment_roll_lines after id, roll_id), in
 * case id order. The cases in payment are read from the partial index cases_paying (only non-临时 cases that were
 * approved, by stop month), so ten years of stopped cases are not visited; the amount in force is found in the index
 * case_amounts_case_month and its row read by rowid. Unordered.
 */
export const LINES_SELECT = `
  SELECT c.id AS case_id, c.household_id, c.person_id, h.village_id, c.category, c.area,
    (SELECT count(*) FROM case_members m WHERE m.case_id = c.id AND m.start_month <= @m
       AND (m.stop_month IS NULL OR m.stop_month > @m)) AS persons,
    a.amount_fen, a.base_fen, a.supplement_fen,
    CASE WHEN ${INDIVIDUAL_SQL} THEN pp.name ELSE coalesce(hp.name, pp.name) END AS payee_name,
    CASE WHEN ${INDIVIDUAL_SQL} THEN coalesce(pp.bank_account, pp.card_account, h.bank_account, hp.bank_account, hp.card_account)
         ELSE coalesce(h.bank_account, hp.bank_account, hp.card_account) END AS bank_account
  FROM cases c INDEXED BY cases_paying
  JOIN households h ON h.id = c.household_id
  JOIN case_amounts a ON a.rowid = (SELECT a2.rowid FROM case_amounts a2 WHERE a2.case_id = c.id AND a2.effective_month <= @m
                                 ORDER BY a2.effective_month DESC, a2.created_at DESC, a2.id DESC LIMIT 1)
  LEFT JOIN people pp ON pp.id = c.person_id
  LEFT JOIN people hp ON hp.id = h.head_person_id
  WHERE c.status IN ('active','stopped') AND c.category <> 'linshi' AND coalesce(c.stop_month, '9999-12') > @m
    AND c.start_month <= @m AND a.amount_fen > 0 AND c.pending_batch_id IS NULL`;

const COLUMNS =
  'case_id, household_id, person_id, village_id, category, area, persons, amount_fen, base_fen, supplement_fen, payee_name, bank_account';

interface LineLite {
  case_id: string;
  village_id: string;
  category: Category;
  payee_name: string;
  amount_fen: number;
}

/** One line as LINES_SELECT computes it (the columns of payment_roll_lines after id, roll_id). */
interface LineRow extends LineLite {
  household_id: string;
  person_id: string | null;
  area: AreaValue;
  persons: number;
  base_fen: number;
  supplement_fen: number;
  bank_account: string | null;
}

const LINE_FIELDS = COLUMNS.split(', ') as (keyof LineRow)[];

async function loadRoll(ctx: ServiceContext, month: string): Promise<PaymentRollsTable | undefined> {
  return ctx.db.selectFrom('payment_rolls').selectAll().where('month', '=', month).executeTakeFirst();
}

async function userName(ctx: ServiceContext, id: string | null): Promise<string | null> {
  if (!id) return null;
  const u = await ctx.db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst();
  return u?.display_name ?? null;
}

async function rollView(ctx: ServiceContext, r: PaymentRollsTable): Promise<RollView> {
  const byCategory = ctx.ledger.raw
    .prepare(
      `SELECT category, area, count(*) AS lines, sum(persons) AS persons, sum(amount_fen) AS total FROM payment_roll_lines
       WHERE roll_id = ? GROUP BY category, area ORDER BY category, area`,
    )
    .all(r.id) as { category: Category; area: AreaValue; lines: number; persons: number; total: number }[];
  return {
    id: r.id,
    month: r.month,
    status: r.status,
    lineCount: r.line_count,
    totalFen: r.total_fen,
    generatedAt: r.generated_at,
    generatedByName: (await userName(ctx, r.generated_by)) ?? '',
    confirmedAt: r.confirmed_at,
    confirmedByName: await userName(ctx, r.confirmed_by),
    byCategory: byCategory.map((b) => ({
      category: b.category,
      area: b.area,
      lines: b.lines,
      persons: b.persons,
      totalFen: b.total,
    })),
    version: r.version,
  };
}

/** What the roll for a month would hold now: line count and total (for the confirm-time staleness check and tests). */
export function computeRollTotals(
  ctx: Pick<ServiceContext, 'ledger'>,
  month: string,
): { lines: number; totalFen: number } {
  const r = ctx.ledger.raw
    .prepare(`SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS t FROM (${LINES_SELECT})`)
    .get({ m: month }) as {
    n: number;
    t: number;
  };
  return { lines: r.n, totalFen: r.t };
}

export async function generateRoll(
  ctx: ServiceContext,
  month: string,
  lockReason?: string | null,
): Promise<RollView & { diff: RollDiff }> {
  const actor = actorOf(ctx);
  await assertMonthOpen(ctx.db, month, lockReason);
  const existing = await loadRoll(ctx, month);
  if (existing?.status === 'confirmed') {
    throw conflict(`${month} 的发放花名册已由审核人确认并锁定，不能重新生成；之后的变动请在下月花名册中补发或追回`);
  }
  const at = nowIso(ctx.now());
  const raw = ctx.ledger.raw;
  // The lines as they should be now, in case id order (the order the diff lists them in).
  const lines = (raw.prepare(LINES_SELECT).all({ m: month }) as LineRow[]).sort((a, b) =>
    a.case_id < b.case_id ? -1 : a.case_id > b.case_id ? 1 : 0,
  );
  let rollId: string;
  let current: PaymentRollsTable;
  const insert = raw.prepare(
    `INSERT INTO payment_roll_lines (id, roll_id, ${COLUMNS}) VALUES (@id, @roll_id, ${LINE_FIELDS.map((f) => `@${f}`).join(', ')})`,
  );
  if (existing) {
    rollId = existing.id;
    current = existing;
    // Draft lines are derived data (never typed by a clerk): a regeneration brings them to what the cases say now,
    // writing only the lines that differ (a line's id is the roll's and the case's, so a kept line keeps its id).
    const old = new Map(
      (
        raw.prepare(`SELECT id, ${COLUMNS} FROM payment_roll_lines WHERE roll_id = ?`).all(rollId) as (LineRow & {
          id: string;
        })[]
      ).map((l) => [l.case_id, l] as const),
    );
    const update = raw.prepare(
      `UPDATE payment_roll_lines SET ${LINE_FIELDS.map((f) => `${f} = @${f}`).join(', ')} WHERE id = @id`,
    );
    const remove = raw.prepare('DELETE FROM payment_roll_lines WHERE id = ?');
    for (const l of lines) {
      const o = old.get(l.case_id);
      if (!o) insert.run({ ...l, id: `${rollId}:${l.case_id}`, roll_id: rollId });
      else {
        old.delete(l.case_id);
        if (LINE_FIELDS.some((f) => o[f] !== l[f])) update.run({ ...l, id: o.id });
      }
    }
    for (const o of old.values()) remove.run(o.id);
  } else {
    rollId = newId();
    // Created empty at version 0; the kernel's write below fills it and makes it version 1.
    current = {
      id: rollId,
      month,
      status: 'draft',
      line_count: 0,
      total_fen: 0,
      generated_at: at,
      generated_by: actor.id,
      confirmed_at: null,
      confirmed_by: null,
      version: 0,
      updated_at: at,
    };
    await ctx.db.insertInto('payment_rolls').values(current).execute();
    for (const l of lines) insert.run({ ...l, id: `${rollId}:${l.case_id}`, roll_id: rollId });
  }
  const totals = { n: lines.length, t: lines.reduce((sum, l) => sum + l.amount_fen, 0) };
  // Through the write kernel: the version bump, updated_at and the journal entry (line count and total before/after).
  await updateVersioned(
    ctx,
    'payment_rolls',
    rollId,
    current.version,
    { line_count: totals.n, total_fen: totals.t, generated_at: at, generated_by: actor.id },
    {
      action: 'roll.generate',
      what: `${month} 的发放花名册`,
      reason: lockReason ?? null,
      current,
      extra: {
        before: { line_count: current.line_count, total_fen: current.total_fen },
        after: { month, line_count: totals.n, total_fen: totals.t },
      },
    },
  );
  const roll = await loadRoll(ctx, month);
  if (!roll) throw notFound('花名册');
  return { ...(await rollView(ctx, roll)), diff: await rollDiff(ctx, roll, lines) };
}

export async function getRoll(ctx: ServiceContext, month: string): Promise<RollView & { diff: RollDiff }> {
  const roll = await loadRoll(ctx, month);
  if (!roll) throw notFound(`${month} 的发放花名册（请先生成）`);
  return { ...(await rollView(ctx, roll)), diff: await rollDiff(ctx, roll) };
}

export async function listRolls(ctx: ServiceContext): Promise<RollView[]> {
  const rows = await ctx.db.selectFrom('payment_rolls').selectAll().orderBy('month', 'desc').execute();
  return Promise.all(rows.map((r) => rollView(ctx, r)));
}

/** 新增 / 停发 / 金额变动 against the previous month's roll (or, if there is none, what it would have been). */
async function rollDiff(ctx: ServiceContext, roll: PaymentRollsTable, lines?: LineLite[]): Promise<RollDiff> {
  const raw = ctx.ledger.raw;
  const cur =
    lines ??
    (raw
      .prepare(
        'SELECT case_id, village_id, category, payee_name, amount_fen FROM payment_roll_lines WHERE roll_id = ? ORDER BY case_id',
      )
      .all(roll.id) as LineLite[]);
  const prevMonth = addMonths(roll.month, -1);
  const prevRoll = await loadRoll(ctx, prevMonth);
  let prev: LineLite[];
  let source: RollDiff['previousSource'];
  if (prevRoll) {
    prev = raw
      .prepare(
        'SELECT case_id, village_id, category, payee_name, amount_fen FROM payment_roll_lines WHERE roll_id = ? ORDER BY case_id',
      )
      .all(prevRoll.id) as LineLite[];
    source = prevRoll.status === 'confirmed' ? 'confirmed_roll' : 'draft_roll';
  } else {
    prev = raw
      .prepare(`SELECT case_id, village_id, category, payee_name, amount_fen FROM (${LINES_SELECT}) ORDER BY case_id`)
      .all({ m: prevMonth }) as LineLite[];
    source = 'computed';
  }
  const villages = new Map(
    (await ctx.db.selectFrom('villages').select(['id', 'name']).execute()).map((v) => [v.id, v.name] as const),
  );
  const row = (l: LineLite, previousFen: number | null, currentFen: number | null): RollDiffRow => ({
    caseId: l.case_id,
    name: l.payee_name,
    villageName: villages.get(l.village_id) ?? '',
    category: l.category,
    previousFen,
    currentFen,
  });
  const prevBy = new Map(prev.map((l) => [l.case_id, l]));
  const curBy = new Map(cur.map((l) => [l.case_id, l]));
  const diff: RollDiff = { previousSource: source, added: [], removed: [], changed: [] };
  for (const l of cur) {
    const p = prevBy.get(l.case_id);
    if (!p) diff.added.push(row(l, null, l.amount_fen));
    else if (p.amount_fen !== l.amount_fen) diff.changed.push(row(l, p.amount_fen, l.amount_fen));
  }
  for (const p of prev) if (!curBy.has(p.case_id)) diff.removed.push(row(p, p.amount_fen, null));
  return diff;
}

/** How far back the gap list looks (months before the one asked about). */
const GAP_LOOKBACK = 24;

/**
 * Months from the first roll the ledger has (at most 24 months back) up to `untilMonth` (inclusive) whose roll is
 * missing or still a draft, oldest first. A ledger with no roll yet has no gaps (nothing has been started).
 */
export async function rollGaps(db: Pick<ServiceContext, 'db'>['db'], untilMonth: string): Promise<RollGap[]> {
  const rolls = await db
    .selectFrom('payment_rolls')
    .select(['month', 'status'])
    .where('month', '>=', addMonths(untilMonth, -GAP_LOOKBACK))
    .where('month', '<=', untilMonth)
    .orderBy('month')
    .execute();
  const first = await db.selectFrom('payment_rolls').select('month').orderBy('month').limit(1).executeTakeFirst();
  if (!first || first.month > untilMonth) return [];
  const byMonth = new Map(rolls.map((r) => [r.month, r.status] as const));
  const out: RollGap[] = [];
  let m = first.month < addMonths(untilMonth, -GAP_LOOKBACK) ? addMonths(untilMonth, -GAP_LOOKBACK) : first.month;
  for (; m <= untilMonth; m = addMonths(m, 1)) {
    const st = byMonth.get(m);
    if (!st) out.push({ month: m, status: 'missing' });
    else if (st === 'draft') out.push({ month: m, status: 'draft' });
  }
  return out;
}

const gapText = (gaps: RollGap[]) =>
  gaps.map((g) => `${g.month}${g.status === 'missing' ? '未生成' : '仍为草稿、未确认'}`).join('；');

/** What the confirmation dialog shows: totals, the difference from last month, and earlier months not confirmed. */
export async function confirmPreview(ctx: ServiceContext, month: string): Promise<RollConfirmPreview> {
  const actor = actorOf(ctx);
  const roll = await loadRoll(ctx, month);
  if (!roll) throw notFound(`${month} 的发放花名册（请先生成）`);
  const persons = (
    ctx.ledger.raw
      .prepare('SELECT coalesce(sum(persons), 0) AS n FROM payment_roll_lines WHERE roll_id = ?')
      .get(roll.id) as { n: number }
  ).n;
  const prevMonth = addMonths(month, -1);
  const prevRoll = await loadRoll(ctx, prevMonth);
  const prev = prevRoll
    ? { month: prevMonth, status: prevRoll.status, lineCount: prevRoll.line_count, totalFen: prevRoll.total_fen }
    : { month: prevMonth, status: 'missing' as const, ...computeRollTotals(ctx, prevMonth) };
  const previous = {
    month: prev.month,
    status: prev.status,
    lineCount: 'lines' in prev ? prev.lines : prev.lineCount,
    totalFen: prev.totalFen,
  };
  const diff = await rollDiff(ctx, roll);
  const blockers: string[] = [];
  if (roll.status === 'confirmed') blockers.push(`${month} 的发放花名册已确认`);
  if (roll.generated_by === actor.id)
    blockers.push('花名册须由生成人以外的审核人确认（经办与审核分离）：您生成了该花名册，不能确认');
  const now = computeRollTotals(ctx, month);
  if (now.lines !== roll.line_count || now.totalFen !== roll.total_fen)
    blockers.push('花名册生成后台账有变动（人数或金额与现在不一致），请重新生成后再确认');
  return {
    month,
    version: roll.version,
    lineCount: roll.line_count,
    persons,
    totalFen: roll.total_fen,
    previous,
    differenceFen: roll.total_fen - previous.totalFen,
    added: diff.added.length,
    removed: diff.removed.length,
    changed: diff.changed.length,
    earlier: await rollGaps(ctx.db, prevMonth),
    blockers,
  };
}

export async function confirmRoll(
  ctx: ServiceContext,
  month: string,
  version: number,
  acknowledgeEarlier = false,
): Promise<RollView> {
  const actor = actorOf(ctx);
  const roll = await loadRoll(ctx, month);
  if (!roll) throw notFound(`${month} 的发放花名册`);
  if (roll.version !== version) throw staleEdit(`${month} 的发放花名册`);
  if (roll.status === 'confirmed') throw conflict(`${month} 的发放花名册已确认`);
  if (roll.generated_by === actor.id) {
    throw rule('花名册须由生成人以外的审核人确认（经办与审核分离）：您生成了该花名册，不能确认');
  }
  const now = computeRollTotals(ctx, month);
  if (now.lines !== roll.line_count || now.totalFen !== roll.total_fen) {
    throw conflict('花名册生成后台账有变动（人数或金额与现在不一致），请重新生成后再确认');
  }
  // An earlier month not confirmed is said, and the reviewer confirms knowing it (journalled with the months).
  const earlier = await rollGaps(ctx.db, addMonths(month, -1));
  if (earlier.length > 0 && !acknowledgeEarlier) {
    throw rule(
      `之前月份的发放花名册尚未确认：${gapText(earlier)}。请先处理这些月份；如确需先确认 ${month}，请在确认对话框中勾选“已知悉”后再确认`,
      { acknowledgeEarlier: '请确认已知悉之前月份未确认' },
    );
  }
  const at = nowIso(ctx.now());
  await updateVersioned(
    ctx,
    'payment_rolls',
    roll.id,
    version,
    { status: 'confirmed', confirmed_at: at, confirmed_by: actor.id },
    {
      action: 'roll.confirm',
      what: `${month} 的发放花名册`,
      reason: earlier.length > 0 ? `确认时之前月份未确认：${gapText(earlier)}` : null,
      current: roll,
      extra: {
        after: {
          month,
          line_count: roll.line_count,
          total_fen: roll.total_fen,
          ...(earlier.length > 0 ? { earlier_not_confirmed: earlier.map((g) => `${g.month}:${g.status}`) } : {}),
        },
      },
    },
  );
  const done = await loadRoll(ctx, month);
  if (!done) throw notFound('花名册');
  return rollView(ctx, done);
}

interface FullLine {
  case_id: string;
  village: string;
  vs: number;
  payee_name: string;
  id_number: string | null;
  category: Category;
  area: AreaValue;
  persons: number;
  amount_fen: number;
  base_fen: number;
  supplement_fen: number;
  bank_account: string | null;
  bank_name: string | null;
}

function linesOf(
  ctx: ServiceContext,
  rollId: string,
  f: { villageId?: string | undefined; category?: string | undefined },
  page?: { offset: number; limit: number },
) {
  const sql = `SELECT l.case_id, v.name AS village, v.sort_order AS vs, l.payee_name, l.category, l.area, l.persons,
      l.amount_fen, l.base_fen, l.supplement_fen, l.bank_account,
      CASE WHEN ${INDIVIDUAL_SQL} THEN pp.id_number ELSE coalesce(hp.id_number, pp.id_number) END AS id_number,
      CASE WHEN ${INDIVIDUAL_SQL} THEN coalesce(pp.bank_name, h.bank_name) ELSE coalesce(h.bank_name, hp.bank_name) END AS bank_name
    FROM payment_roll_lines l JOIN cases c ON c.id = l.case_id JOIN households h ON h.id = l.household_id
    JOIN villages v ON v.id = l.village_id LEFT JOIN people pp ON pp.id = c.person_id LEFT JOIN people hp ON hp.id = h.head_person_id
    WHERE l.roll_id = @roll AND (@village IS NULL OR l.village_id = @village) AND (@cat IS NULL OR l.category = @cat)
    ORDER BY v.sort_order, l.category, l.payee_name, l.case_id ${page ? 'LIMIT @limit OFFSET @offset' : ''}`;
  return ctx.ledger.raw
    .prepare(sql)
    .all({ roll: rollId, village: f.villageId ?? null, cat: f.category ?? null, ...(page ?? {}) }) as FullLine[];
}

const lineView = (l: FullLine): RollLineView => ({
  caseId: l.case_id,
  villageName: l.village,
  payeeName: l.payee_name,
  idNumberMasked: l.id_number ? maskIdNumber(l.id_number) : null,
  category: l.category,
  area: l.area,
  persons: l.persons,
  amountFen: l.amount_fen,
  baseFen: l.base_fen,
  supplementFen: l.supplement_fen,
  bankAccountMasked: maskAccount(l.bank_account),
});

export async function rollLines(
  ctx: ServiceContext,
  input: {
    month: string;
    villageId?: string | undefined;
    category?: string | undefined;
    offset: number;
    limit: number;
  },
): Promise<Page<RollLineView>> {
  const roll = await loadRoll(ctx, input.month);
  if (!roll) throw notFound(`${input.month} 的发放花名册`);
  const total = (
    ctx.ledger.raw
      .prepare(
        'SELECT count(*) AS n FROM payment_roll_lines WHERE roll_id = @roll AND (@village IS NULL OR village_id = @village) AND (@cat IS NULL OR category = @cat)',
      )
      .get({ roll: roll.id, village: input.villageId ?? null, cat: input.category ?? null }) as { n: number }
  ).n;
  return { total, rows: linesOf(ctx, roll.id, input, { offset: input.offset, limit: input.limit }).map(lineView) };
}

/** Plain decimal yuan for a numeric cell ("1234.50"), from integer fen without floating point. */
const yuanCell = (fen: number) =>
  `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

function csvCell(s: string): string {
  const v = neutralizeSpreadsheetCell(s);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export async function exportBank(
  ctx: ServiceContext,
  input: { month: string; includeIdNumbers?: boolean | undefined; reason?: string | undefined },
): Promise<{ fileName: string; path: string; content: string; lines: number; totalFen: number }> {
  // Full ID numbers leave the ledger only with a stated purpose (src/shared/mask.ts, docs/DATA-SAFETY.md).
  const purpose = (input.reason ?? '').trim();
  if (input.includeIdNumbers && purpose.length < FULL_ID_REASON_MIN) {
    throw new LedgerError('BAD_INPUT', FULL_ID_REASON_MESSAGE, { reason: FULL_ID_REASON_MESSAGE });
  }
  const roll = await loadRoll(ctx, input.month);
  if (!roll) throw notFound(`${input.month} 的发放花名册`);
  if (roll.status !== 'confirmed') throw rule('花名册须经审核人确认后才能导出银行代发文件');
  const lines = linesOf(ctx, roll.id, {});
  const missing = lines.filter((l) => !l.bank_account);
  if (missing.length > 0) {
    const names = missing
      .slice(0, 5)
      .map((l) => `${l.village}${l.payee_name}`)
      .join('、');
    throw new LedgerError(
      'RULE',
      `有 ${missing.length} 人未录入银行账号（${names}${missing.length > 5 ? '等' : ''}），请补录后再导出`,
    );
  }
  const header = [
    '序号',
    '村(社区)',
    '姓名',
    ...(input.includeIdNumbers ? ['身份证号码'] : []),
    '开户银行',
    '银行账号',
    '金额(元)',
    '保障类别',
    '保障人数',
  ];
  // A full-number file says so on its face: its first line, and its name.
  const out = [...(input.includeIdNumbers ? [csvCell(fullIdNotice(purpose))] : []), header.map(csvCell).join(',')];
  lines.forEach((l, i) => {
    out.push(
      [
        String(i + 1),
        csvCell(l.village),
        csvCell(l.payee_name),
        ...(input.includeIdNumbers ? [csvCell(l.id_number ?? '')] : []),
        csvCell(l.bank_name ?? ''),
        csvCell(l.bank_account ?? ''),
        yuanCell(l.amount_fen),
        csvCell(`${label('area', l.area)}${label('caseCategory', l.category)}`),
        String(l.persons),
      ].join(','),
    );
  });
  const content = `\uFEFF${out.join('\r\n')}\r\n`;
  // A name of its own each time: the full-number file never overwrites the masked one, nor any earlier export.
  const base = `发放花名册-${input.month}-银行代发${input.includeIdNumbers ? '-含完整身份证号码' : ''}-${exportStamp(ctx.now())}`;
  const { fileName, path } = writeNewExportFile(join(ctx.host.dataDir, 'exports'), base, '.csv', content);
  await ctx.journal({
    action: 'roll.export_bank',
    entity: 'payment_rolls',
    entityId: roll.id,
    after: {
      month: input.month,
      lines: lines.length,
      total_fen: roll.total_fen,
      include_id_numbers: !!input.includeIdNumbers,
      file: fileName,
      path,
    },
    reason: input.includeIdNumbers ? purpose : '银行代发（不含身份证号码）',
  });
  return { fileName, path, content, lines: lines.length, totalFen: roll.total_fen };
}

export async function printableRoll(
  ctx: ServiceContext,
  input: { month: string; villageId?: string | undefined },
): Promise<PrintableRoll> {
  const roll = await loadRoll(ctx, input.month);
  if (!roll) throw notFound(`${input.month} 的发放花名册`);
  const township = (await getSetting<{ name: string; path: string } | null>(ctx.db, 'township', null))?.name ?? '';
  const groups = new Map<string, PrintableRoll['villages'][number]>();
  let seq = 0;
  for (const l of linesOf(ctx, roll.id, { villageId: input.villageId })) {
    const g = groups.get(l.village) ?? { villageName: l.village, lines: [], persons: 0, totalFen: 0 };
    groups.set(l.village, g);
    g.lines.push({ ...lineView(l), seq: ++seq });
    g.persons += l.persons;
    g.totalFen += l.amount_fen;
  }
  const villages = [...groups.values()];
  return {
    township,
    month: roll.month,
    status: roll.status,
    generatedByName: (await userName(ctx, roll.generated_by)) ?? '',
    confirmedByName: await userName(ctx, roll.confirmed_by),
    villages,
    persons: villages.reduce((a, g) => a + g.persons, 0),
    totalFen: villages.reduce((a, g) => a + g.totalFen, 0),
  };
}
