import { EXIT_FAILURE, type Command } from '../command';

// Built by issue 5; until then the command says so instead of pretending.
export const importCommand: Command = {
  name: 'import',
  summary: '从 Excel/CSV 导入台账（尚未建成）',
  usage: 'civil-ledger import',
  options: {},
  async run(_values, io) {
    io.err('此命令尚未建成');
    return EXIT_FAILURE;
  },
};
