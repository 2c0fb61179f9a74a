// The payment roll as people read it: its lines page by page, the bank's file (银行代发) and the printable roll by
// village. Reads only; the roll itself is generated and confirmed in rolls.ts.
import { join } from 'node:path';
import type { AreaValue, Category, Page, PrintableRoll, RollLineView } from '../../../shared/api/cases';
import { LedgerError, notFound, rule } from '../../../shared/errors';
import { maskIdNumber } from '../../../shared/idcard';
import { FULL_ID_REASON_MESSAGE, FULL_ID_REASON_MIN, fullIdNotice } from '../../../shared/mask';
import { label } from '../../../shared/labels';
import { neutralizeSpreadsheetCell } from '../../../shared/text';
import { countOf, rowsOf, type ServiceContext } from '../kernel';
import { exportStamp, writeNewExportFile } from '../exportfile';
import { getSetting } from '../settings';
import { maskAccount } from '../people';
import { INDIVIDUAL_SQL, loadRoll, userName } from './roll-lines';

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
  return rowsOf<FullLine>(ctx.ledger.raw, sql, {
    roll: rollId,
    village: f.villageId ?? null,
    cat: f.category ?? null,
    ...(page ?? {}),
  });
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
  const total = countOf(
    ctx.ledger.raw,
    'SELECT count(*) AS n FROM payment_roll_lines WHERE roll_id = @roll AND (@village IS NULL OR village_id = @village) AND (@cat IS NULL OR category = @cat)',
    { roll: roll.id, village: input.villageId ?? null, cat: input.category ?? null },
  );
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
