import { resolve } from 'node:path';
import { startCore, type Core } from '../../core';
import { makeRestorer } from '../../restorer';
import { startScheduler, type Scheduler } from '../../scheduler';
import { startHttpHost } from '../../http/host';
import { OfficeNetwork } from '../../network/controller';
import { defaultLedgerPath, defaultRendererDir } from '../../paths';
import { EXIT_OK, UsageError, type Command } from '../command';

export const serveCommand: Command = {
  name: 'serve',
  summary: '在本机浏览器中使用台账：启动只监听 127.0.0.1 的界面服务（同时做每日自动备份与月报准备）',
  usage: 'civil-ledger serve [--db 文件] [--port 端口] [--create]',
  options: {
    db: { type: 'string' },
    port: { type: 'string' },
    create: { type: 'boolean' },
    renderer: { type: 'string' },
  },
  async run(values, io) {
    const db = resolve(typeof values.db === 'string' ? values.db : defaultLedgerPath());
    const port = typeof values.port === 'string' ? Number(values.port) : 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`端口“${String(values.port)}”无效`);
    const rendererDir = typeof values.renderer === 'string' ? resolve(values.renderer) : defaultRendererDir();
    // 局域网共享 runs here too when an administrator switched it on (设置 → 局域网共享).
    const network = new OfficeNetwork({ rendererDir });
    // 恢复 on the backup screen: the core is closed, the ledger restored and a new core opened behind the same host.
    let core: Core;
    let scheduler: Scheduler;
    const restorer = makeRestorer({
      dbPath: db,
      current: () => core,
      reopen: () => startCore({ dbPath: db, network, restore: restorer.restore }),
      beforeClose: () => scheduler.stop(),
      reopened: (c) => {
        core = c;
        scheduler = startScheduler(core, { report: (m) => io.err(m) });
      },
      log: (m) => io.err(m),
    });
    core = await startCore({ dbPath: db, create: values.create === true, network, restore: restorer.restore });
    const dispatcher = {
      dispatch: (req: Parameters<Core['dispatcher']['dispatch']>[0]) => core.dispatcher.dispatch(req),
    };
    const host = await startHttpHost({ dispatcher, rendererDir, port });
    // The same scheduled work as the desktop app: a verified daily backup and last month's package on the set day.
    scheduler = startScheduler(core, { report: (m) => io.err(m) });
    io.out(`台账：${db}\n请在浏览器中打开：${host.openUrl}\n（仅本机可访问；按 Ctrl+C 停止）`);
    const office = network.state();
    if (office.running) io.out(`局域网共享：${office.url}（证书指纹 ${office.fingerprint}）`);
    else if (office.problem) io.err(`局域网共享未能启动：${office.problem}`);
    await new Promise<void>((done) => {
      const stop = () => done();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    scheduler.stop();
    await restorer.running();
    await host.close();
    await core.close();
    return EXIT_OK;
  },
};
