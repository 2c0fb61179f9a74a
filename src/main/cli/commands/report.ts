import { EXIT_FAILURE, type Command } from '../command';

// Built by issue 4; until then the command says so instead of pretending.
export const reportCommand: Command = {
  name: 'report',
  summary: '生成月度报表包（尚未建成）',
  usage: 'civil-ledger report',
  options: {},
  async run(_values, io) {
    io.err('此命令尚未建成');
    return EXIT_FAILURE;
  },
};
