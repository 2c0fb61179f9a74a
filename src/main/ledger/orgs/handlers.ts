// Handlers of the 社会组织台账 contract slice (src/shared/api/orgs.ts), gathered from the capability's modules.
import type { orgsApi } from '../../../shared/api/orgs';
import type { Handlers } from '../kernel';
import { calendarHandlers } from './calendar';
import { computeOrgFigures } from './figures';
import { registryHandlers } from './registry';
import { todayOf } from './service';
import { inspectionBoard, worklist } from './worklist';

export const orgsHandlers: Handlers<typeof orgsApi> = {
  ...registryHandlers,
  ...calendarHandlers,
  'orgs.inspections.board': async (ctx, input) => inspectionBoard(ctx.db, input.year, todayOf(ctx)),
  'orgs.worklist': async (ctx, input) => worklist(ctx.db, input.onDate || todayOf(ctx)),
  'orgs.figures': async (ctx, input) => computeOrgFigures(ctx.db, input.month),
};
