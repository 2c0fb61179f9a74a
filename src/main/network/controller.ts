// The process side of 局域网共享: reads the administrator's settings, makes the certificate, starts and stops the
// office host, and answers `network.status`. The desktop app and `civil-ledger serve` create one; the ledger's
// handlers reach it as ctx.host.network.
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { NetworkSettings, NetworkStatus } from '../../shared/api/network';
import type { Dispatcher } from '../api/dispatcher';
import type { NetworkHostControl, Sessions } from '../ledger/kernel';
import { ensureOfficeCertificate, type OfficeCertificate } from './certificate';
import { startOfficeHost, type OfficeHost } from './officeHost';

export interface LocalAddress {
  address: string;
  name: string;
}

/** This PC's IPv4 addresses on its network cards (loopback left out: nobody else could reach it). */
export function localIpv4Addresses(): LocalAddress[] {
  const out: LocalAddress[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push({ address: a.address, name });
  }
  return out;
}

export interface OfficeNetworkOptions {
  rendererDir: string;
  now?: () => Date;
  /** Tests give loopback addresses here; the app lists the network cards. */
  addresses?: () => LocalAddress[];
}

export class OfficeNetwork implements NetworkHostControl {
  private host: OfficeHost | null = null;
  private certificate: OfficeCertificate | null = null;
  private problem: string | null = null;
  private dispatcher: Dispatcher | null = null;
  private sessions: Sessions | null = null;
  private dataDir: string | null = null;
  private readonly addresses: () => LocalAddress[];
  private readonly now: () => Date;

  constructor(private readonly options: OfficeNetworkOptions) {
    this.addresses = options.addresses ?? localIpv4Addresses;
    this.now = options.now ?? (() => new Date());
  }

  /** Called once the core exists (the core's dispatcher needs this object, and this object needs the dispatcher). */
  attach(dispatcher: Dispatcher, sessions: Sessions, dataDir: string): void {
    this.dispatcher = dispatcher;
    this.sessions = sessions;
    this.dataDir = dataDir;
  }

  /** The certificate and key: <ledger>.files/network/. */
  get certDir(): string {
    if (!this.dataDir) throw new Error('office network not attached to a core');
    return join(this.dataDir, 'network');
  }

  state(): Omit<NetworkStatus, 'settings' | 'available'> {
    return {
      addresses: this.addresses(),
      running: this.host !== null,
      url: this.host?.url ?? null,
      fingerprint: this.host?.fingerprint ?? this.certificate?.fingerprint ?? null,
      certificateValidTo: this.certificate?.validTo ?? null,
      clients: this.host?.clients() ?? [],
      problem: this.problem,
    };
  }

  async apply(settings: NetworkSettings): Promise<void> {
    await this.stop();
    this.problem = null;
    if (!settings.enabled || !settings.address) return;
    if (!this.dispatcher || !this.sessions) throw new Error('office network not attached to a core');
    try {
      this.certificate = await ensureOfficeCertificate(this.certDir, settings.address, this.now());
      this.host = await startOfficeHost({
        dispatcher: this.dispatcher,
        sessions: this.sessions,
        rendererDir: this.options.rendererDir,
        certificate: this.certificate,
        address: settings.address,
        port: settings.port,
        now: this.now,
      });
    } catch (e) {
      this.problem = (e as Error).message;
      throw e;
    }
  }

  /** At start-up: serve if the administrator switched it on; a failure is kept for the settings page, not thrown. */
  async startFrom(settings: NetworkSettings): Promise<void> {
    try {
      await this.apply(settings);
    } catch {
      /* this.problem says why; the app still runs on this PC */
    }
  }

  async stop(): Promise<void> {
    const h = this.host;
    this.host = null;
    if (h) await h.close();
  }
}
