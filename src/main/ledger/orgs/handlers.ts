// Handlers of the 社会组织台账 contract slice (src/shared/api/orgs.ts), gathered from the capability's modules.
import type { orgsApi } from '../../../shared/api/orgs';
import type { Handlers } from '../kernel';
import { eventHandlers } from './events';
import { computeOrgFigures } from './figures';
import { inspectionHandlers } from './inspections';
import { ratingHandlers } from './ratings';
import { registryHandlers } from './registry';
import { rosterHandlers } from './roster';
import { todayOf } from './service';
import { termHandlers } from './terms';
import { inspectionBoard, worklist } from './worklist';

export const orgsHandlers: Handlers<typeof orgsApi> = {
  ...rosterHandlers,
  ...registryHandlers,
  ...eventHandlers,
  ...inspectionHandlers,
  ...ratingHandlers,
  ...termHandlers,
  'orgs.inspections.board': async (ctx, input) => inspectionBoard(ctx.db, input.year, todayOf(ctx)),
  'orgs.worklist': async (ctx, input) => worklist(ctx.db, input.onDate || todayOf(ctx)),
  'orgs.figures': async (ctx, input) => computeOrgFigures(ctx.db, input.month),
};
