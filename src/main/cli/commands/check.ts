import { resolve } from 'node:path';
import { checkLedger } from '../../ledger/backup';
import { EXIT_FAILURE, EXIT_OK, requireString, type Command } from '../command';

export const checkCommand: Command = {
  name: 'check',
  summary: '检查台账：数据库完整性、外键、操作日志链、日志锚点；可与一份备份的各表摘要比对；全部通过才返回 0',
  usage: 'civil-ledger check --db 文件 [--against 备份文件] [--json]',
  options: { db: { type: 'string' }, against: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, io) {
    const result = await checkLedger(resolve(requireString(values, 'db')), {
      ...(typeof values.against === 'string' && values.against ? { against: resolve(values.against) } : {}),
    });
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else for (const item of result.items) io.out(`${item.ok ? '✓' : '✗'} ${item.name}：${item.message}`);
    return result.ok ? EXIT_OK : EXIT_FAILURE;
  },
};
