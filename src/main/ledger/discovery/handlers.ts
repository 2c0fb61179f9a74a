// Handlers of the 主动发现 / 动态监测 slice (src/shared/api/discovery.ts).
import type { discoveryApi } from '../../../shared/api/discovery';
import { today } from '../../../shared/time';
import type { Handlers } from '../kernel';
import { nowIso } from '../ids';
import { addMonitoring, endMonitoring, listMonitoring, monitoringCounts, recordMonitoring } from '../monitoring';
import { decideLead, listLeads, runDiscovery } from './service';

const oneEntry = async (ctx: Parameters<typeof listMonitoring>[0], id: string) =>
  (await listMonitoring(ctx, { ids: [id], offset: 0, limit: 1 })).rows[0]!;

export const discoveryHandlers: Handlers<typeof discoveryApi> = {
  'discovery.run': async (ctx) => runDiscovery(ctx, today(ctx.now()), nowIso(ctx.now())),
  'discovery.leads': async (ctx, input) => listLeads(ctx, input),
  'discovery.decide': async (ctx, input) => (
    await decideLead(ctx, input),
    (await listLeads(ctx, { ids: [input.id] }))[0]!
  ),
  'monitoring.list': async (ctx, input) => listMonitoring(ctx, input),
  'monitoring.add': async (ctx, input) => oneEntry(ctx, await addMonitoring(ctx, input)),
  'monitoring.record': async (ctx, input) => (await recordMonitoring(ctx, input), oneEntry(ctx, input.id)),
  'monitoring.end': async (ctx, input) => (await endMonitoring(ctx, input), oneEntry(ctx, input.id)),
  'monitoring.counts': async (ctx, input) => monitoringCounts(ctx.db, input.month),
};
