// Handlers of the exchange slice (src/shared/api/exchange.ts): import preview and run, rejected rows, exports.
import type { exchangeApi } from '../../../shared/api/exchange';
import type { Handlers } from '../kernel/context';
import { backupBeforeRisk } from '../backup/backup';
import { analyseImport, runImport } from './import';
import { caseTemplate, exportCases, rejectedWorkbook } from './workbooks';

export const exchangeHandlers: Handlers<typeof exchangeApi> = {
  'exchange.previewImport': async (ctx, input) => (await analyseImport(ctx, input)).preview,

  // A verified backup of the committed ledger comes first (issue 8): an import that goes wrong can be undone.
  'exchange.import': async (ctx, input) => {
    await backupBeforeRisk(ctx.ledger, `导入“${input.fileName}”`, ctx.now());
    return runImport(ctx, input);
  },

  'exchange.rejectedRows': async (ctx, input) => {
    const a = await analyseImport(ctx, input);
    return rejectedWorkbook(input.fileName, a.read.sheets, a.plan.rejectedRows, a.parsed.rowCells, a.plan.problems);
  },

  'exchange.exportCases': async (ctx, input) => exportCases(ctx, input.filter, input.fullIdNumbers ?? false),

  'exchange.template': async () => caseTemplate(),
};
