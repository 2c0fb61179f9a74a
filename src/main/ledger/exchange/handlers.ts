// Handlers of the exchange slice (src/shared/api/exchange.ts): import preview and run, rejected rows, exports.
import type { batchesApi } from '../../../shared/api/batches';
import type { exchangeApi } from '../../../shared/api/exchange';
import type { Handlers } from '../kernel';
import { backupBeforeRisk } from '../backup';
import { batchCases, confirmBatch, listBatches, rejectBatch } from './batches';
import { analyseImport, runImport } from './import';
import { caseTemplate, exportCases, rejectedWorkbook } from './workbooks';
import { importRegister, runRegister } from './kinds/engine';
import { registerKind } from './kinds';
import { exportRegister, registerTemplate } from './kinds/workbook';

export const exchangeHandlers: Handlers<typeof exchangeApi> = {
  'exchange.previewImport': async (ctx, input) =>
    input.kind === 'cases'
      ? (await analyseImport(ctx, { ...input, kind: 'cases' })).preview
      : (await runRegister(ctx, registerKind(input.kind), input, { write: false })).preview,

  // A verified backup of the committed ledger comes first (issue 8): an import that goes wrong can be undone.
  'exchange.import': async (ctx, input) => {
    await backupBeforeRisk(ctx.ledger, `导入“${input.fileName}”`, ctx.now());
    // The registers (facilities, elderly, orgs, children) create no paying case: they count at once, no batch.
    if (input.kind !== 'cases')
      return { ...(await importRegister(ctx, registerKind(input.kind), input)), changesPending: 0, batch: null };
    return runImport(ctx, { ...input, kind: 'cases' });
  },

  'exchange.rejectedRows': async (ctx, input) => {
    let out;
    if (input.kind === 'cases') {
      const a = await analyseImport(ctx, { ...input, kind: 'cases' });
      out = await rejectedWorkbook(
        input.fileName,
        a.read.sheets,
        a.plan.rejectedRows,
        a.parsed.rowCells,
        a.plan.problems,
      );
    } else {
      const r = await runRegister(ctx, registerKind(input.kind), input, { write: false });
      out = await rejectedWorkbook(input.fileName, r.read.sheets, r.rejected, r.rowCells, r.problems);
    }
    // The rows go back to the clerk as they were in the clerk's own file (full numbers included, so they can be
    // corrected and imported again; nothing from the ledger is added): a copy of personal data, so journalled.
    await ctx.journal({
      action: 'export.rejected_rows',
      entity: 'imports',
      entityId: 'rejected',
      after: { source: input.fileName, file: out.fileName, rows: out.rows, to: '下载到本机' },
      reason: '导入未通过的行，改正后重新导入',
    });
    return out;
  },

  'exchange.exportCases': async (ctx, input) =>
    exportCases(ctx, input.filter, input.fullIdNumbers ?? false, input.reason),

  'exchange.exportRegister': async (ctx, input) =>
    exportRegister(ctx, registerKind(input.kind), input.fullIdNumbers ?? false, input.reason),

  'exchange.template': async (_ctx, input) =>
    input.kind === 'cases' ? caseTemplate() : registerTemplate(registerKind(input.kind)),
};

/** 导入待确认: the batches of imports waiting for (or given) a reviewer's confirmation (batches.ts). */
export const batchHandlers: Handlers<typeof batchesApi> = {
  'exchange.batches': async (ctx, input) => listBatches(ctx, input),
  'exchange.batchCases': async (ctx, input) => batchCases(ctx, input),
  'exchange.confirmBatch': async (ctx, input) => confirmBatch(ctx, input),
  'exchange.rejectBatch': async (ctx, input) => rejectBatch(ctx, input),
};
