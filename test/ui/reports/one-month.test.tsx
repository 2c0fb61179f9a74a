// Issue 20, "one month in one dialog": a page names one month — the heading, its errors and its notices name the
// same one, also right after the clerk picks another month while the core has not answered yet.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { expect, test } from 'vitest';
import type { ApiRequest } from '../../../src/shared/api/contract';
import { SessionContext } from '../../../src/renderer/lib/session';
import { RollPage } from '../../../src/renderer/pages/cases/Rolls';
import { routes as homeRoutes } from '../../../src/renderer/pages/home';
import { ReportsPage } from '../../../src/renderer/pages/reports/ReportsPage';
import { renderUi, withCore } from '../render';

const session = (role: 'clerk' | 'reviewer') => ({
  user: { id: `u-${role}`, username: role, displayName: '张经办', role, active: true, lockedUntil: null, version: 1 },
  township: { code: '321202001', name: '城东街道', path: '江苏省 / 泰州市 / 海陵区 / 城东街道' },
  logout: () => {},
});
const ok = (data: unknown) => ({ ok: true as const, data });
const never = () => new Promise<never>(() => {});

test('the roll page: after another month is picked, the refusal and the roll of the month left are gone', async () => {
  const calls = withCore((req: ApiRequest) => {
    const m = (req.input as { month?: string }).month;
    if (req.method === 'rolls.get' && m === '2027-01') return never();
    if (req.method === 'rolls.get')
      return { ok: false, error: { code: 'NOT_FOUND', message: `未找到${m} 的发放花名册（请先生成）` } };
    if (req.method === 'rolls.generate')
      return {
        ok: false,
        error: {
          code: 'CONFLICT',
          message: `${m} 的报表已定稿上报（第 1 版），该月已结账。修改该月的数据须填写更正原因`,
        },
      };
    return ok([]);
  });
  // The month picker navigates to #/cases/rolls/<month>: the same page gets the new month as its param.
  function Host() {
    const [month, setMonth] = useState('2026-12');
    return (
      <SessionContext.Provider value={session('clerk') as never}>
        <button onClick={() => setMonth('2027-01')}>转到 2027-01</button>
        <main aria-label="页面">
          <RollPage params={{ month }} />
        </main>
      </SessionContext.Provider>
    );
  }
  const main = () => within(screen.getByRole('main', { name: '页面' }));
  renderUi(<Host />);
  expect(await main().findByText('2026-12 的花名册尚未生成。')).toBeTruthy();
  fireEvent.click(main().getByRole('button', { name: '生成花名册' }));
  expect(await main().findByText(/^2026-12 的报表已定稿上报/)).toBeTruthy();
  expect(calls.find((c) => c.method === 'rolls.generate')?.input).toEqual({ month: '2026-12' });

  fireEvent.click(screen.getByRole('button', { name: '转到 2027-01' }));
  expect((main().getByLabelText('月份') as HTMLInputElement).value).toBe('2027-01');
  await waitFor(() => expect(main().queryByText(/2026-12/)).toBeNull());
  expect(main().queryByRole('alert')).toBeNull();
});

test('the report page: the month card and the build notice name the month picked; another month’s figures are not shown under it', async () => {
  window.location.hash = '#/reports?month=2026-10';
  const figures = (month: string) => ({
    township: { code: '321202001', name: '城东街道' },
    month,
    amountsSource: 'draft',
    roll: null,
    rows: [],
    ytd: [],
    linshi: [],
    tekunCare: [],
    dibaoTables: [],
    extras: [],
    checks: [],
    socialAssistanceFen: 0,
  });
  const calls = withCore((req: ApiRequest) => {
    const m = (req.input as { month?: string }).month ?? '';
    if (req.method === 'reports.figures') return m === '2026-09' ? never() : ok(figures(m));
    if (req.method === 'reports.period')
      return ok({ month: m, status: 'open', finalRevision: 0, amended: false, reopenReason: null });
    if (req.method === 'reports.packages') return ok([]);
    if (req.method === 'reports.build') return ok({ buildNo: 1, checksOk: true });
    return ok([]);
  });
  renderUi(
    <SessionContext.Provider value={session('reviewer') as never}>
      <ReportsPage />
    </SessionContext.Provider>,
  );
  // The month came from the link (工作台 opens #/reports?month=…).
  const card = () => within(screen.getByLabelText('报告月份状态'));
  expect(await card().findByText('2026年10月')).toBeTruthy();
  await screen.findByText('社会救助月报');
  fireEvent.click(screen.getByRole('button', { name: '生成报表包' }));
  expect(await screen.findByText('已生成 2026年10月 报表包（第 1 版）')).toBeTruthy();
  expect(calls.find((c) => c.method === 'reports.build')?.input).toEqual({ month: '2026-10', confirmRebuild: false });

  // Another month, not answered yet: its name is on the card, and 2026-10's figures are not shown as its own.
  fireEvent.click(screen.getByLabelText('报告月份', { selector: 'input' }));
  fireEvent.click(await screen.findByText('2026年9月'));
  expect(await card().findByText('2026年9月')).toBeTruthy();
  expect(screen.queryByText('社会救助月报')).toBeNull();
  expect(screen.getByText('正在计算……')).toBeTruthy();
  expect(window.location.hash).toBe('#/reports?month=2026-09');
});

test('工作台: the report month is the core’s, the same month its due row names', async () => {
  const calls = withCore((req: ApiRequest) => {
    if (req.method === 'reports.dashboard')
      return ok({
        month: '2026-11',
        period: { month: '2026-11', status: 'open', finalRevision: 0, amended: false },
        latestPackage: null,
        reminders: [],
        due: [{ key: 'report:2026-11', label: '2026-11 月报待定稿上报', count: 1 }],
        byVillage: [],
        byMonth: [],
      });
    if (req.method === 'standards.list') return ok([{}]);
    if (req.method === 'households.list') return ok({ rows: [], total: 1 });
    return ok([]);
  });
  const Home = homeRoutes[0]!.component;
  renderUi(
    <SessionContext.Provider value={session('clerk') as never}>
      <Home params={{}} />
    </SessionContext.Provider>,
  );
  expect(await screen.findByText('2026年11月报表')).toBeTruthy();
  const row = screen.getByRole('link', { name: '2026-11 月报待定稿上报' });
  expect(row.getAttribute('href')).toBe('#/reports?month=2026-11');
  expect(calls.find((c) => c.method === 'reports.dashboard')?.input).toEqual({});
});
