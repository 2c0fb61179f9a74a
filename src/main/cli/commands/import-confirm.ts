// `civil-ledger import-confirm`: a reviewer other than the importer confirms (or, with --reject, rejects) an import
// batch — the same methods as the app's 导入待确认 page, through the same dispatcher, as a named user (docs/IMPORT.md).
import { resolve } from 'node:path';
import type { ImportBatchView } from '../../../shared/api/batches';
import { LedgerError } from '../../../shared/errors';
import { formatYuan } from '../../../shared/money';
import { label } from '../../../shared/labels';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, requireString, type Command } from '../command';
import { dataOf, exitFor, failOn, jsonIo, SESSION_OPTIONS, withSession } from './session';

/** One line per batch: “批次 3《花园村.xlsx》张经办 2024-03-15 导入：12 户、30 人、12 件救助，月保障金 6,000.00 元…”. */
export function batchLine(b: ImportBatchView): string {
  const s = b.summary;
  const parts = [`${s.households} 户、${s.persons} 人、${s.cases} 件救助`];
  if (s.monthlyFen > 0) parts.push(`在保月保障金合计 ${formatYuan(s.monthlyFen)} 元`);
  if (s.grantFen > 0) parts.push(`临时救助 ${formatYuan(s.grantFen)} 元`);
  if (s.stoppedCases > 0) parts.push(`其中已停保 ${s.stoppedCases} 件`);
  if (s.changes > 0) parts.push(`修改台账中已有救助 ${s.changes} 处`);
  const cats = s.byCategory.map((c) => `${label('caseCategory', c.category)} ${c.cases}`).join('，');
  const state =
    b.status === 'pending'
      ? '待确认'
      : `${b.status === 'confirmed' ? '已确认' : '已驳回'}（${b.decidedByName ?? ''}${b.decisionReason ? `：${b.decisionReason}` : ''}）`;
  return `批次 ${b.no}《${b.fileName}》${state}：${b.importedByName} ${b.importedAt.slice(0, 10)} 导入，${parts.join('，')}${cats ? `（${cats}）` : ''}`;
}

export const importConfirmCommand: Command = {
  name: 'import-confirm',
  summary: '导入待确认：审核人（导入人以外）确认或驳回导入批次；确认前，批次中的救助不进发放花名册和月报',
  usage:
    'civil-ledger import-confirm --db 文件 --user 审核人登录名 [--list] [--batch 批次号] [--reject --reason 原因] ' +
    '[--correction-reason 更正原因] [--json]\n' +
    '  --list：列出待确认的批次（不写入）\n' +
    '  --batch：批次号（导入时显示，如 3）或批次编号；确认该批次，加 --reject 则驳回（须写 --reason）\n' +
    '  --correction-reason：批次涉及导入后才定稿的月份时须填写的更正原因\n' +
    '  --json：标准输出只打印一行 JSON（批次），说明文字改到标准错误\n' +
    '  密码取自环境变量 CIVIL_LEDGER_PASSWORD，没有时在终端询问。退出码：0 完成；1 被拒绝（如确认自己导入的批次）；2 用法错误',
  options: {
    ...SESSION_OPTIONS,
    batch: { type: 'string' },
    list: { type: 'boolean' },
    reject: { type: 'boolean' },
    reason: { type: 'string' },
    'correction-reason': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, rawIo) {
    const { json, io } = jsonIo(values, rawIo);
    const dbPath = resolve(requireString(values, 'db'));
    const username = requireString(values, 'user');
    const batchRef = typeof values.batch === 'string' ? values.batch.trim() : '';
    if (!values.list && !batchRef) throw new UsageError('请用 --batch 给出批次号，或用 --list 列出待确认的批次');
    if (values.reject && (typeof values.reason !== 'string' || values.reason.trim() === ''))
      throw new UsageError('驳回批次须用 --reason 写明原因');
    return withSession(
      dbPath,
      username,
      io,
      failOn(io),
      async (rawCall, session) => {
        try {
          const call = async <T>(method: string, input: unknown, session?: string): Promise<T> =>
            dataOf<T>(await rawCall<T>(method, input, session));
          if (values.list) {
            const page = await call<{ rows: ImportBatchView[]; total: number }>(
              'exchange.batches',
              { status: 'pending', limit: 200 },
              session,
            );
            if (page.total === 0) io.out('没有待确认的导入批次');
            for (const b of page.rows) io.out(batchLine(b));
            if (json) rawIo.out(JSON.stringify(page.rows));
            return EXIT_OK;
          }
          const found = await call<{ rows: ImportBatchView[] }>(
            'exchange.batches',
            { status: 'all', batch: batchRef, limit: 1 },
            session,
          );
          const b = found.rows[0];
          if (!b) {
            io.err(`没有导入批次“${batchRef}”（用 --list 列出待确认的批次）`);
            return EXIT_USAGE;
          }
          io.out(batchLine(b));
          const done = values.reject
            ? await call<ImportBatchView>(
                'exchange.rejectBatch',
                { id: b.id, version: b.version, reason: String(values.reason) },
                session,
              )
            : await call<ImportBatchView>(
                'exchange.confirmBatch',
                {
                  id: b.id,
                  version: b.version,
                  ...(typeof values['correction-reason'] === 'string'
                    ? { correctionReason: values['correction-reason'] }
                    : {}),
                },
                session,
              );
          io.out(
            done.status === 'confirmed'
              ? `已确认批次 ${done.no}：其中的 ${done.summary.cases} 件救助自此计入发放花名册和月报` +
                  (done.summary.changes > 0 ? `；${done.summary.changes} 处修改已生效` : '')
              : `已驳回批次 ${done.no}：其中的 ${done.summary.cases} 件救助已撤回，不计入发放花名册和月报` +
                  (done.summary.changes > 0 ? `；${done.summary.changes} 处修改不再应用` : ''),
          );
          if (json) rawIo.out(JSON.stringify(done));
          return EXIT_OK;
        } catch (e) {
          if (e instanceof LedgerError) {
            io.err(e.code === 'UNAUTHENTICATED' ? `登录失败：${e.message}` : e.message);
            return exitFor(e.code);
          }
          throw e;
        }
      },
      EXIT_FAILURE,
    );
  },
};
