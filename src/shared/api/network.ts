// Contract slice: 局域网共享 — the main PC serves the office ledger to the other clerks' PCs over HTTPS.
import { z } from 'zod';
import { method } from './contract';

export interface NetworkSettings {
  enabled: boolean;
  /** The one local address the host listens on (a network card's IPv4 address). */
  address: string | null;
  port: number;
}

export interface ConnectedClientView {
  userName: string;
  username: string;
  role: 'clerk' | 'reviewer' | 'admin';
  address: string;
  lastSeen: string;
}

export interface NetworkStatus {
  settings: NetworkSettings;
  /** Addresses of this PC the administrator may choose from. */
  addresses: { address: string; name: string }[];
  /** Whether this process can serve the network (the desktop app and `serve` can; a command line cannot). */
  available: boolean;
  running: boolean;
  /** https://地址:端口/ while running. */
  url: string | null;
  /** SHA-256 fingerprint of the certificate, to compare on each client's first connection. */
  fingerprint: string | null;
  certificateValidTo: string | null;
  clients: ConnectedClientView[];
  /** Why the host is not running although switched on (port taken, address gone …). */
  problem: string | null;
}

export const DEFAULT_OFFICE_PORT = 8443;

export const networkApi = {
  'network.status': method<NetworkStatus>()({ input: z.object({}), access: 'admin' }),
  /** Switches 局域网共享 on or off (journalled); switching on makes the certificate if there is none for the address. */
  'network.configure': method<NetworkStatus>()({
    input: z.object({
      enabled: z.boolean(),
      address: z.ipv4('请选择本机的 IPv4 地址').nullable(),
      port: z
        .number({ error: '请填写端口' })
        .int('端口应为整数')
        .min(1024, '端口应在 1024–65535 之间')
        .max(65535, '端口应在 1024–65535 之间'),
    }),
    access: 'admin',
    write: true,
  }),
};
