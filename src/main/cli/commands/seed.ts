import { resolve } from 'node:path';
import { DEFAULT_TOWNSHIP, DEFAULT_UNTIL, SEED_PASSWORD, seedLedger } from '../../../tools/seed/generate';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, requireString, type Command } from '../command';
import { NEW_LEDGER_OPTIONS, townshipCodeProblem } from './init';

const positiveInt = (v: unknown, name: string, max: number): number | string => {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= max ? n : `--${name} 应为 1–${max} 的整数，收到“${String(v)}”`;
};

export const seedCommand: Command = {
  name: 'seed',
  summary: '生成用于性能测试的模拟台账（确定性：同一 --seed 得到同样的内容；数据均为虚构）',
  usage:
    'civil-ledger seed --db 文件 --households N --years Y --seed S [--township 9位代码] [--until YYYY-MM] [--admin-password 密码]',
  options: {
    ...NEW_LEDGER_OPTIONS,
    households: { type: 'string' },
    years: { type: 'string' },
    seed: { type: 'string' },
    until: { type: 'string' },
    quiet: { type: 'boolean' },
  },
  async run(values, io) {
    const db = resolve(requireString(values, 'db'));
    const households = positiveInt(requireString(values, 'households'), 'households', 200_000);
    const years = positiveInt(requireString(values, 'years'), 'years', 30);
    const seed = requireString(values, 'seed');
    for (const v of [households, years]) {
      if (typeof v === 'string') {
        io.err(v);
        return EXIT_USAGE;
      }
    }
    const township = typeof values.township === 'string' ? values.township : DEFAULT_TOWNSHIP;
    const badCode = townshipCodeProblem(township);
    if (badCode) {
      io.err(badCode);
      return EXIT_USAGE;
    }
    const until = typeof values.until === 'string' ? values.until : DEFAULT_UNTIL;
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(until)) {
      io.err(`--until 应为 YYYY-MM，收到“${until}”`);
      return EXIT_USAGE;
    }
    try {
      const password = typeof values['admin-password'] === 'string' ? values['admin-password'] : SEED_PASSWORD;
      const r = await seedLedger({
        dbPath: db,
        households: households as number,
        years: years as number,
        seed,
        township,
        until,
        adminPassword: password,
        progress: values.quiet ? undefined : (line) => io.err(line),
      });
      const c = r.counts;
      io.out(
        [
          `已生成模拟台账：${db}${r.created ? `（新建；登录名 admin / reviewer / clerk，密码 ${password}）` : ''}`,
          `街道/乡镇：${r.township}；月份 ${r.firstMonth} 至 ${r.lastMonth}；种子 ${seed}`,
          `村(社区) ${c.villages} 个；住户 ${c.households} 户；人员 ${c.people} 人（户籍关系 ${c.householdMembers} 条）`,
          `案件 ${c.cases} 件（其中临时救助 ${c.grants} 件）；救助对象 ${c.caseMembers} 条；金额记录 ${c.caseAmounts} 条；办理环节 ${c.caseSteps} 条；自理能力评估 ${c.assessments} 条`,
          `发放花名册 ${c.rolls} 个月，共 ${c.rollLines} 行；操作日志 ${c.journalEntries} 条（每批一条汇总）`,
          `用时 ${r.timings.total.toFixed(1)} 秒（设置 ${r.timings.setup.toFixed(1)}，住户与案件 ${r.timings.cases.toFixed(1)}，花名册 ${r.timings.rolls.toFixed(1)}）`,
          '注意：以上数据均为虚构测试数据（身份证号码顺序码 9xx、银行账号前缀 6299），仅用于测试，不得当作真实台账使用。',
        ].join('\n'),
      );
      return EXIT_OK;
    } catch (e) {
      io.err(`生成失败：${(e as Error).message}`);
      return e instanceof RangeError ? EXIT_USAGE : EXIT_FAILURE;
    }
  },
};
