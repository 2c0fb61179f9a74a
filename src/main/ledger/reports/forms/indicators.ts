// The indicators of the 社会服务统计月报表 (社会救助, 社会福利) in the national forms' order, and its check rules.
import type { FigureRow, MonthFigures, ReportArea } from '../../../../shared/api/reports';
import { label } from '../../../../shared/labels';
import { unitName } from './kit';

type IndicatorKind = 'count' | 'money' | 'standard';
export interface Indicator {
  key: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  /** Section heading rows carry no value. */
  heading?: boolean;
  value?: number;
  ytd?: number;
}

export const sumRows = (rows: FigureRow[], pick: (r: FigureRow) => boolean, g: (r: FigureRow) => number): number =>
  rows.filter(pick).reduce((a, r) => a + g(r), 0);

/**
 * The indicators of the summary sheet, in the national forms' order: 社会救助 (低保, 特困, 临时救助), 社会福利
 * (儿童福利, 残疾人福利), then the supplementary local block. Money values are fen; the same function serves the 本月
 * and the 上月 columns, matched by key.
 */
export function indicators(f: MonthFigures, unit: 'yuan' | 'wan'): Indicator[] {
  const u = unitName(unit);
  const out: Indicator[] = [];
  const head = (key: string, name: string) => out.push({ key, name, unit: '', kind: 'count', heading: true });
  const add = (key: string, name: string, unitText: string, kind: IndicatorKind, value: number, ytd?: number) =>
    out.push({ key, name, unit: unitText, kind, value, ...(ytd === undefined ? {} : { ytd }) });
  const row = (c: string, a: ReportArea) => f.rows.find((r) => r.category === c && r.area === a);
  const ytdOf = (pick: (c: string) => boolean, a?: ReportArea) =>
    f.ytd.filter((y) => pick(y.category) && (!a || y.area === a)).reduce((s, y) => s + y.amountFen, 0);
  const isTekun = (c: string) => c.startsWith('tekun_');

  head('h1', '一、社会救助');
  add('sa.total', '社会救助支出合计', u, 'money', f.socialAssistanceFen, f.socialAssistanceYtdFen);
  head('h1.1', '（一）最低生活保障');
  for (const a of ['urban', 'rural'] as const) {
    const an = label('area', a);
    const r = row('dibao', a);
    add(`dibao.${a}.households`, `${an}最低生活保障户数`, '户', 'count', r?.households ?? 0);
    add(`dibao.${a}.newHouseholds`, '  其中：当月新增户数', '户', 'count', r?.newHouseholds ?? 0);
    add(`dibao.${a}.exitHouseholds`, '        当月退出户数', '户', 'count', r?.exitHouseholds ?? 0);
    add(`dibao.${a}.persons`, `${an}最低生活保障人数`, '人', 'count', r?.persons ?? 0);
    add(`dibao.${a}.newPersons`, '  其中：当月新增人数', '人', 'count', r?.newPersons ?? 0);
    add(`dibao.${a}.exitPersons`, '        当月退出人数', '人', 'count', r?.exitPersons ?? 0);
    const std = f.dibaoStandardFen[a];
    if (std !== null) add(`dibao.${a}.standard`, `${an}低保标准`, '元/人·月', 'standard', std);
    const y = f.ytd.find((x) => x.category === 'dibao' && x.area === a);
    add(`dibao.${a}.amount`, `${an}最低生活保障支出`, u, 'money', r?.amountFen ?? 0, y?.amountFen ?? 0);
    add(`dibao.${a}.base`, '  其中：低保金', u, 'money', r?.baseFen ?? 0, y?.baseFen ?? 0);
    add(
      `dibao.${a}.supplement`,
      '        其他补贴（分类施保等）',
      u,
      'money',
      r?.supplementFen ?? 0,
      y?.supplementFen ?? 0,
    );
  }
  head('h1.2', '（二）特困人员救助供养');
  for (const a of ['urban', 'rural'] as const) {
    const an = label('area', a);
    const c = row('tekun_centralized', a);
    const d = row('tekun_dispersed', a);
    const s = (g: (r: FigureRow) => number) => (c ? g(c) : 0) + (d ? g(d) : 0);
    add(
      `tekun.${a}.persons`,
      `${an}特困人员救助供养人数`,
      '人',
      'count',
      s((r) => r.persons),
    );
    add(`tekun.${a}.centralized`, '  其中：集中供养人数', '人', 'count', c?.persons ?? 0);
    add(`tekun.${a}.dispersed`, '        分散供养人数', '人', 'count', d?.persons ?? 0);
    add(
      `tekun.${a}.newPersons`,
      '  当月新增人数',
      '人',
      'count',
      s((r) => r.newPersons),
    );
    add(
      `tekun.${a}.exitPersons`,
      '  当月退出人数',
      '人',
      'count',
      s((r) => r.exitPersons),
    );
    const ytd = ytdOf(isTekun, a);
    const ytdBase = f.ytd.filter((y) => isTekun(y.category) && y.area === a).reduce((x, y) => x + y.baseFen, 0);
    add(
      `tekun.${a}.amount`,
      `${an}特困人员救助供养支出`,
      u,
      'money',
      s((r) => r.amountFen),
      ytd,
    );
    add(
      `tekun.${a}.base`,
      '  其中：基本生活费（供养金）',
      u,
      'money',
      s((r) => r.baseFen),
      ytdBase,
    );
    add(
      `tekun.${a}.care`,
      '        照料护理费',
      u,
      'money',
      s((r) => r.supplementFen),
      ytd - ytdBase,
    );
    add(`tekun.${a}.temporary`, '        临时补助', u, 'money', 0, 0);
  }
  head('h1.3', '（三）临时救助');
  const lt = (pick: (l: MonthFigures['linshi'][number]) => number, type?: string) =>
    f.linshi.filter((l) => !type || l.type === type).reduce((s, l) => s + pick(l), 0);
  add(
    'linshi.personTimes',
    '临时救助人次',
    '人次',
    'count',
    lt((l) => l.personTimes),
    lt((l) => l.ytdPersonTimes),
  );
  add(
    'linshi.emergency.personTimes',
    '  其中：急难型',
    '人次',
    'count',
    lt((l) => l.personTimes, 'emergency'),
    lt((l) => l.ytdPersonTimes, 'emergency'),
  );
  add(
    'linshi.expenditure.personTimes',
    '        支出型',
    '人次',
    'count',
    lt((l) => l.personTimes, 'expenditure'),
    lt((l) => l.ytdPersonTimes, 'expenditure'),
  );
  add(
    'linshi.times',
    '临时救助户次',
    '户次',
    'count',
    lt((l) => l.times),
    lt((l) => l.ytdTimes),
  );
  add(
    'linshi.amount',
    '临时救助支出',
    u,
    'money',
    lt((l) => l.amountFen),
    lt((l) => l.ytdAmountFen),
  );

  head('h2', '二、社会福利');
  head('h2.1', '（一）儿童福利');
  const all = (c: string, g: (r: FigureRow) => number) => sumRows(f.rows, (r) => r.category === c, g);
  const guer = (g: (r: FigureRow) => number) => all('guer_centralized', g) + all('guer_dispersed', g);
  add(
    'guer.persons',
    '孤儿人数',
    '人',
    'count',
    guer((r) => r.persons),
  );
  add(
    'guer.centralized',
    '  其中：集中养育孤儿',
    '人',
    'count',
    all('guer_centralized', (r) => r.persons),
  );
  add(
    'guer.dispersed',
    '        社会散居孤儿',
    '人',
    'count',
    all('guer_dispersed', (r) => r.persons),
  );
  add(
    'guer.amount',
    '孤儿基本生活保障支出',
    u,
    'money',
    guer((r) => r.amountFen),
    ytdOf((c) => c.startsWith('guer_')),
  );
  add(
    'wurenfuyang.persons',
    '事实无人抚养儿童人数',
    '人',
    'count',
    all('wurenfuyang', (r) => r.persons),
  );
  add(
    'wurenfuyang.amount',
    '事实无人抚养儿童基本生活保障支出',
    u,
    'money',
    all('wurenfuyang', (r) => r.amountFen),
    ytdOf((c) => c === 'wurenfuyang'),
  );
  head('h2.2', '（二）残疾人福利');
  add(
    'canji_living.persons',
    '享受困难残疾人生活补贴人数',
    '人',
    'count',
    all('canji_living', (r) => r.persons),
  );
  add(
    'canji_living.amount',
    '困难残疾人生活补贴支出',
    u,
    'money',
    all('canji_living', (r) => r.amountFen),
    ytdOf((c) => c === 'canji_living'),
  );
  add(
    'canji_care.persons',
    '享受重度残疾人护理补贴人数',
    '人',
    'count',
    all('canji_care', (r) => r.persons),
  );
  add(
    'canji_care.amount',
    '重度残疾人护理补贴支出',
    u,
    'money',
    all('canji_care', (r) => r.amountFen),
    ytdOf((c) => c === 'canji_care'),
  );

  head('h3', '补充资料（本地指标，国家统计报表无此项目）');
  for (const [c, n] of [
    ['bianyuan', '低保边缘家庭'],
    ['gangxing', '刚性支出困难家庭'],
  ] as const) {
    add(
      `${c}.households`,
      `${n}户数`,
      '户',
      'count',
      all(c, (r) => r.households),
    );
    add(
      `${c}.persons`,
      `${n}人数`,
      '人',
      'count',
      all(c, (r) => r.persons),
    );
    add(
      `${c}.amount`,
      `${n}救助支出`,
      u,
      'money',
      all(c, (r) => r.amountFen),
      ytdOf((x) => x === c),
    );
  }
  return out;
}

/** The summary sheet's check rules (printed under the table and asserted by the tests): [text, holds]. */
export function summaryRules(ind: Indicator[]): { text: string; ok: boolean }[] {
  const v = (k: string) => ind.find((i) => i.key === k)?.value ?? 0;
  const out: { text: string; ok: boolean }[] = [];
  const rule = (t: string, left: string, right: string[]) =>
    out.push({ text: t, ok: v(left) === right.reduce((a, k) => a + v(k), 0) });
  rule('社会救助支出合计 = 城乡低保支出 + 城乡特困支出 + 临时救助支出', 'sa.total', [
    'dibao.urban.amount',
    'dibao.rural.amount',
    'tekun.urban.amount',
    'tekun.rural.amount',
    'linshi.amount',
  ]);
  for (const a of ['urban', 'rural'] as const) {
    const an = label('area', a);
    rule(`${an}低保支出 = 低保金 + 其他补贴`, `dibao.${a}.amount`, [`dibao.${a}.base`, `dibao.${a}.supplement`]);
    rule(`${an}特困人数 = 集中供养 + 分散供养`, `tekun.${a}.persons`, [
      `tekun.${a}.centralized`,
      `tekun.${a}.dispersed`,
    ]);
    rule(`${an}特困支出 = 基本生活费 + 照料护理费 + 临时补助`, `tekun.${a}.amount`, [
      `tekun.${a}.base`,
      `tekun.${a}.care`,
      `tekun.${a}.temporary`,
    ]);
  }
  out.push({
    text: '临时救助人次 ≥ 急难型 + 支出型',
    ok: v('linshi.personTimes') >= v('linshi.emergency.personTimes') + v('linshi.expenditure.personTimes'),
  });
  rule('孤儿人数 = 集中养育 + 社会散居', 'guer.persons', ['guer.centralized', 'guer.dispersed']);
  return out;
}
