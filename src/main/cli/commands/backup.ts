import { EXIT_FAILURE, type Command } from '../command';

// Built by issue 8; until then the commands say so instead of pretending.
export const backupCommand: Command = {
  name: 'backup',
  summary: '备份台账（尚未建成）',
  usage: 'civil-ledger backup --db 文件 --out 路径',
  options: {},
  async run(_values, io) {
    io.err('此命令尚未建成');
    return EXIT_FAILURE;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: '从备份恢复台账（尚未建成）',
  usage: 'civil-ledger restore --from 路径 --db 文件',
  options: {},
  async run(_values, io) {
    io.err('此命令尚未建成');
    return EXIT_FAILURE;
  },
};
