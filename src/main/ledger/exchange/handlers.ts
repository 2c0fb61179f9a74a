// Handlers of the exchange slice (src/shared/api/exchange.ts): import preview and run, rejected rows, exports.
import type { exchangeApi } from '../../../shared/api/exchange';
import type { Handlers } from '../../api/context';
import { analyseImport, runImport } from './import';
import { caseTemplate, exportCases, rejectedWorkbook } from './workbooks';

export const exchangeHandlers: Handlers<typeof exchangeApi> = {
  'exchange.previewImport': async (ctx, input) => (await analyseImport(ctx, input)).preview,

  'exchange.import': async (ctx, input) => runImport(ctx, input),

  'exchange.rejectedRows': async (ctx, input) => {
    const a = await analyseImport(ctx, input);
    return rejectedWorkbook(input.fileName, a.read.sheets, a.plan.rejectedRows, a.parsed.rowCells, a.plan.problems);
  },

  'exchange.exportCases': async (ctx, input) => exportCases(ctx, input.filter, input.fullIdNumbers ?? false),

  'exchange.template': async () => caseTemplate(),
};
