import { EXIT_FAILURE, type Command } from '../command';

// Built by issue 9; until then the command says so instead of pretending.
export const seedCommand: Command = {
  name: 'seed',
  summary: '生成用于性能测试的模拟台账（尚未建成）',
  usage: 'civil-ledger seed',
  options: {},
  async run(_values, io) {
    io.err('此命令尚未建成');
    return EXIT_FAILURE;
  },
};
