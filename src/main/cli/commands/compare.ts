// `civil-ledger compare`: 数据比对 from the command line, through the same dispatcher as the screen, as a named user
// (the comparison and any deaths recorded are journalled under that user).
import { basename, resolve } from 'node:path';
import {
  COMPARE_EFFECT_LABELS,
  COMPARE_LIST_LABELS,
  compareLists,
  type CompareResult,
} from '../../../shared/api/compare';
import { EXIT_OK, EXIT_USAGE, UsageError, requireString, type Command } from '../command';
import { openOrSnapshot, readInput } from './files';
import { callerOf, exitFor, NO_PASSWORD, passwordOf, SESSION_OPTIONS } from './session';

export const compareCommand: Command = {
  name: 'compare',
  summary:
    '数据比对：把其他部门的名单（死亡、财政供养、车辆、工商、不动产等）按身份证号与全部台账比对，疑点生成待核查事项',
  usage:
    'civil-ledger compare --db 文件 --list deaths|public-servants|vehicles|business|property|custom --file 名单.xlsx|.xls|.csv ' +
    '--user 登录名 [--record] [--json]\n' +
    '  --record  死亡名单：对比中的人员逐一登记死亡（注明名单文件和行号），自动停发、计算多发金额\n' +
    '  --json    只输出 JSON：{"list","file","rows","hits":[{"row","name","idMasked","effect","cases":[{"id","category","status"}]}],"notOnLedger"}\n' +
    '  密码取自环境变量 CIVIL_LEDGER_PASSWORD，没有时在终端询问。退出码：0 完成；2 用法错误或文件无法读取',
  options: {
    ...SESSION_OPTIONS,
    list: { type: 'string' },
    file: { type: 'string' },
    record: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(values, io) {
    const dbPath = resolve(requireString(values, 'db'));
    const list = requireString(values, 'list');
    const filePath = resolve(requireString(values, 'file'));
    const username = requireString(values, 'user');
    if (!(compareLists as readonly string[]).includes(list))
      throw new UsageError(`--list 应为 ${compareLists.join('、')} 之一，收到“${list}”`);
    const input = readInput(filePath);
    if ('error' in input) {
      io.err(input.error);
      return EXIT_USAGE;
    }
    const password = await passwordOf(io, `用户 ${username} 的密码：`);
    if (!password) {
      io.err(NO_PASSWORD);
      return EXIT_USAGE;
    }
    // Beside the running app (it holds the ledger), a comparison without --record runs on a consistent snapshot: the
    // hits are printed, but their 待核查 work items can only be kept by running the list in the app itself.
    const ledger = await openOrSnapshot(dbPath, io, {
      snapshot: values.record !== true,
      prefix: 'civil-ledger-compare-',
      notice:
        '台账正在软件中使用：已在此刻台账的一致快照上比对，结果只打印，未生成待核查事项（要登记待核查，请在软件“数据比对”中导入该名单）',
    });
    try {
      const call = callerOf(ledger.core);
      const login = await call<{ session: string }>('auth.login', { username, password });
      if (!login.ok) {
        io.err(`登录失败：${login.error.message}`);
        return EXIT_USAGE;
      }
      const r = await call<CompareResult>(
        'compare.run',
        { list, fileName: basename(filePath), data: input.bytes.toString('base64'), record: values.record === true },
        login.data.session,
      );
      await call('auth.logout', {}, login.data.session);
      if (!r.ok) {
        io.err(r.error.message);
        return exitFor(r.error.code);
      }
      const d = r.data;
      if (values.json === true) {
        io.out(JSON.stringify({ list: d.list, file: d.file, rows: d.rows, hits: d.hits, notOnLedger: d.notOnLedger }));
        for (const b of d.badRows) io.err(b.message);
        return EXIT_OK;
      }
      io.out(`名单：${COMPARE_LIST_LABELS[d.list]}（${d.file}，工作表「${d.sheet}」，表头在第 ${d.headerRow} 行）`);
      io.out(
        `共 ${d.rows} 行：疑点 ${d.hits.length} 人，不在台账中 ${d.notOnLedger} 人，无法比对 ${d.badRows.length} 行`,
      );
      for (const h of d.hits) {
        io.out(`  第 ${h.row} 行 ${h.name} ${h.idMasked}：${COMPARE_EFFECT_LABELS[h.effect]}`);
      }
      for (const b of d.badRows) io.out(`  ✗ ${b.message}`);
      if (values.record === true) {
        io.out(`已登记死亡 ${d.recorded.length} 人`);
        for (const n of d.notRecorded) io.out(`  未登记：第 ${n.row} 行 ${n.name}：${n.message}`);
      }
      return EXIT_OK;
    } finally {
      await ledger.close();
    }
  },
};
