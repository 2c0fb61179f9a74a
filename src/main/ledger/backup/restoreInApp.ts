// 恢复 from the backup screen: verify the chosen backup in full, and only when its proof holds hand it to the host
// (desktop app or `serve`), which closes the ledger, restores through restoreLedger (the replaced ledger is kept as
// `.replaced-<time>`, the restore journalled in the restored ledger) and reopens it.
import type { restoreApi } from '../../../shared/api/restore';
import { LedgerError } from '../../../shared/errors';
import { actorOf, type Handlers } from '../kernel';
import { verificationView, verifyListed } from './handlers';

export const restoreHandlers: Handlers<typeof restoreApi> = {
  'backups.restore': async (ctx, input) => {
    const { path, verification: v } = await verifyListed(ctx, input);
    const view = verificationView(input.name, v);
    if (v.refusal) throw new LedgerError('RULE', `不能从此备份恢复：${v.refusal}。现有台账未被改动`);
    if (!view.verified)
      throw new LedgerError(
        'RULE',
        '此备份没有可核对的校验记录，软件内不能恢复。确需恢复时，请关闭软件，由管理员使用命令 civil-ledger restore --unverified 并说明原因',
      );
    const restore = ctx.host.restore;
    if (!restore)
      throw new LedgerError('RULE', '当前程序不能在运行中恢复台账：请关闭软件后使用命令 civil-ledger restore');
    const actor = actorOf(ctx);
    await ctx.journal({
      action: 'backup.restore.request',
      entity: 'backups',
      entityId: input.name,
      after: { file: path },
      reason: input.reason,
    });
    restore({ from: path, reason: input.reason, by: { id: actor.id, name: actor.name } });
    return {
      verification: view,
      scheduled: true,
      message: '备份已核验通过。台账正在关闭并从该备份恢复（原台账另存保留），完成后请重新登录',
    };
  },
};
