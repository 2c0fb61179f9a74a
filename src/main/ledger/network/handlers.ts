// 局域网共享 settings. The ledger keeps the administrator's choice (journalled); the host process (desktop app or
// `serve`) runs the HTTPS server through `ctx.host.network`. In a process without one (the command line) the
// settings are kept and take effect when the app next starts.
import { LedgerError } from '../../../shared/errors';
import {
  DEFAULT_OFFICE_PORT,
  type NetworkSettings,
  type NetworkStatus,
  type networkApi,
} from '../../../shared/api/network';
import type { Handlers, ServiceContext } from '../kernel';
import { getSetting, putSetting } from '../settings';

export const NETWORK_SETTING = 'network.office';
const DEFAULTS: NetworkSettings = { enabled: false, address: null, port: DEFAULT_OFFICE_PORT };

export async function readNetworkSettings(db: ServiceContext['db']): Promise<NetworkSettings> {
  return { ...DEFAULTS, ...(await getSetting<Partial<NetworkSettings>>(db, NETWORK_SETTING, {})) };
}

async function status(ctx: ServiceContext): Promise<NetworkStatus> {
  const settings = await readNetworkSettings(ctx.db);
  const host = ctx.host.network;
  if (!host) {
    return {
      settings,
      addresses: [],
      available: false,
      running: false,
      url: null,
      fingerprint: null,
      certificateValidTo: null,
      clients: [],
      problem: null,
    };
  }
  return { settings, available: true, ...host.state() };
}

export const networkHandlers: Handlers<typeof networkApi> = {
  'network.status': async (ctx) => status(ctx),

  'network.configure': async (ctx, input) => {
    if (input.enabled && !input.address)
      throw new LedgerError('BAD_INPUT', '请选择本机的网卡地址', { address: '请选择本机的网卡地址' });
    const before = await readNetworkSettings(ctx.db);
    const next: NetworkSettings = { enabled: input.enabled, address: input.address, port: input.port };
    const host = ctx.host.network;
    if (host && next.enabled && !host.state().addresses.some((a) => a.address === next.address))
      throw new LedgerError('BAD_INPUT', `这台电脑没有地址 ${next.address}`, { address: '请从列表中选择本机地址' });
    await putSetting(ctx.db, NETWORK_SETTING, next, ctx.now().toISOString());
    await ctx.journal({
      action: next.enabled ? 'network.enable' : 'network.disable',
      entity: 'settings',
      entityId: NETWORK_SETTING,
      before: { ...before },
      after: { ...next },
    });
    // Start/stop inside the write: if the port is taken the error rolls the setting back with it.
    if (host) {
      try {
        await host.apply(next);
      } catch (e) {
        throw new LedgerError('RULE', `局域网共享未能启动：${(e as Error).message}`);
      }
    }
    return status(ctx);
  },
};
