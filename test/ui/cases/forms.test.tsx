// The 社会救助 forms in jsdom, with the core answered by a scripted transport: what the clerk sees as they type,
// and the core's refusals shown in place.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { expect, test, vi } from 'vitest';
import type { CaseDetail, HouseholdRow, MemberView } from '../../../src/shared/api/cases';
import type { ApiRequest } from '../../../src/shared/api/contract';
import { SessionContext } from '../../../src/renderer/lib/session';
import { CasePanel } from '../../../src/renderer/pages/cases/CasePanel';
import { HouseholdForm } from '../../../src/renderer/pages/cases/HouseholdForm';
import { HouseholdList } from '../../../src/renderer/pages/cases/HouseholdList';
import { MemberDialogHost } from '../../../src/renderer/pages/cases/MemberDialogs';
import { renderUi, withCore } from '../render';

// jsdom has no document.fonts (Mantine's autosize Textarea listens to it).
Object.defineProperty(document, 'fonts', {
  configurable: true,
  value: { addEventListener() {}, removeEventListener() {}, ready: Promise.resolve() },
});

const ok = (data: unknown) => ({ ok: true as const, data });
const villages = [
  { id: 'v1', name: '东安居委会', kind: 'community', code: null, active: true, mergedIntoId: null, version: 1 },
];

test('a wrong check digit is explained as the ID number is typed, and the correct one shows birth date and sex', async () => {
  withCore((req) =>
    req.method === 'villages.list'
      ? ok(villages)
      : ok({ ok: true, message: null, legacy: false, birthDate: null, sex: null, existing: null }),
  );
  renderUi(<HouseholdForm />);
  const head = screen.getByLabelText('户主');
  const id = within(head).getByLabelText('身份证号码');
  fireEvent.change(id, { target: { value: '1101051949' } });
  expect(within(head).getByText('已输入 10 位')).toBeTruthy();
  fireEvent.change(id, { target: { value: '110105194912310021' } });
  expect(within(head).getByText('校验码错误：这个号码没有通过校验（GB 11643），请与身份证原件逐位核对')).toBeTruthy();
  fireEvent.change(id, { target: { value: '11010519491231002x' } });
  expect(within(head).getByText('出生日期 1949-12-31，女')).toBeTruthy();
  expect(within(head).queryByText(/校验码错误/)).toBeNull();
});

test('saving a household that the core refuses shows its field error next to the member’s ID number', async () => {
  const calls = withCore((req) => {
    if (req.method === 'villages.list') return ok(villages);
    if (req.method === 'people.checkId')
      return ok({ ok: true, message: null, legacy: false, birthDate: '1949-12-31', sex: 'F', existing: null });
    return {
      ok: false,
      error: {
        code: 'CONFLICT',
        message: '身份证号码 110105********002X 已登记为“张三”（东安居委会），同一身份证号码只能对应一人',
        fields: { 'members.0.idNumber': '该身份证号码已登记' },
      },
    };
  });
  renderUi(<HouseholdForm />);
  // Saving an empty form names what is missing, next to the fields, and calls nothing.
  fireEvent.click(screen.getByRole('button', { name: '保存' }));
  expect((await screen.findAllByText('请选择村(社区)')).length).toBeGreaterThan(0);
  expect(screen.getByText('请填写姓名')).toBeTruthy();
  expect(calls.some((c) => c.method === 'households.create')).toBe(false);

  await new Promise((r) => setTimeout(r, 100)); // the villages arrive
  fireEvent.click(screen.getByRole('combobox', { name: /村\(社区\)/ }));
  fireEvent.click(await screen.findByRole('option', { name: '东安居委会', hidden: true }, { timeout: 3000 }));
  fireEvent.change(screen.getByLabelText(/家庭年总收入/), { target: { value: '6,000.5' } });
  const head = screen.getByLabelText('户主');
  fireEvent.change(within(head).getByLabelText(/姓名/), { target: { value: '张三' } });
  fireEvent.change(within(head).getByLabelText('身份证号码'), { target: { value: '11010519491231002X' } });
  fireEvent.click(screen.getByRole('button', { name: '保存' }));
  await within(head).findByText('该身份证号码已登记');
  expect(screen.getByText(/同一身份证号码只能对应一人/, { selector: '.mantine-Alert-message' })).toBeTruthy();
  const create = calls.find((c) => c.method === 'households.create');
  expect(create?.input).toMatchObject({
    villageId: 'v1',
    hukouType: 'urban', // 东安居委会 is a 社区: 户籍类型 follows it unless the clerk changes it
    annualIncomeFen: 600050,
    members: [{ name: '张三', idNumber: '11010519491231002X', relation: '户主' }],
  });
});

const user = (role: 'clerk' | 'reviewer' | 'admin', id: string) => ({
  user: {
    id,
    username: role,
    displayName: role === 'admin' ? '王管理' : '李审核',
    role,
    active: true,
    lockedUntil: null,
    version: 1,
  } as never,
  township: null,
  logout: () => {},
});

const reviewing: CaseDetail = {
  id: 'c1',
  householdId: 'h1',
  personId: 'p1',
  name: '李四',
  villageName: '东康居委会',
  category: 'tekun',
  area: 'rural',
  singlePerson: false,
  status: 'reviewing',
  caseNo: null,
  appliedOn: '2026-10-24',
  startMonth: null,
  stopMonth: null,
  monthlyAmountFen: null,
  grantAmountFen: null,
  coveredPersons: 1,
  kinOfStaff: false,
  dueTask: 'approve',
  dueOn: '2026-11-30',
  nextRecheckOn: null,
  supportMode: 'dispersed',
  careGrade: 'partial',
  linshiType: null,
  advanceAid: false,
  reservePaid: false,
  paperworkDoneOn: null,
  band: null,
  specialCase: false,
  acceptedOn: '2026-10-24',
  decidedOn: null,
  stopReason: null,
  taperUntilMonth: null,
  kinNote: null,
  recheckCycle: 'yearly',
  overallDueOn: null,
  createdById: 'u-admin',
  createdByName: '王管理',
  members: [{ personId: 'p1', name: '李四', startMonth: '2026-10', stopMonth: null }],
  amounts: [],
  steps: [
    {
      id: 's1',
      step: 'investigate',
      label: '入户调查及信息核对',
      onDate: '2026-10-25',
      actorName: '王管理',
      detail: { investigators: ['王管理', '赵某'], checkResult: 'pass' },
    },
  ],
  actions: ['withdraw', 'setKin'],
  notYet: {},
  publicity: null,
  unidentified: [],
  warnings: [],
  version: 5,
};

function coreFor(c: CaseDetail): ApiRequest[] {
  return withCore((req) => {
    if (req.method === 'cases.get') return ok(c);
    if (req.method === 'cases.computeAmount')
      return ok({
        month: '2026-12',
        standardMonth: '2026-07',
        baseFen: 104000,
        supplementFen: 30000,
        amountFen: 134000,
        coveredPersons: 1,
        perCapitaMonthlyIncomeFen: null,
        explain: ['基本生活标准 1,040.00 元；照料护理（半护理）300.00 元'],
      });
    if (req.method === 'cases.approve')
      return {
        ok: false,
        error: {
          code: 'RULE',
          message: '审核确认须由录入人以外的审核人办理：您录入了该案件，不能确认自己的案件（经办与审核分离）',
        },
      };
    return ok(null);
  });
}

test('a reviewer who entered the case is told why, and the core’s maker-checker refusal is shown in the dialog', async () => {
  const calls = coreFor(reviewing);
  renderUi(
    <SessionContext.Provider value={user('admin', 'u-admin')}>
      <CasePanel caseId="c1" />
    </SessionContext.Provider>,
  );
  await screen.findByText('本案由您（王管理）录入，须由其他审核人审核确认。');
  expect(screen.getByText('调查人员：王管理、赵某；核对结果：符合')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '审核确认' }));
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findByText('按标准计算：每月 1,340.00 元（1 人）');
  fireEvent.click(within(dialog).getByRole('button', { name: '审核确认' }));
  await within(dialog).findByText(
    '审核确认须由录入人以外的审核人办理：您录入了该案件，不能确认自己的案件（经办与审核分离）',
  );
  expect(calls.find((c) => c.method === 'cases.approve')?.input).toMatchObject({ id: 'c1', version: 5 });
});

test('a clerk is not offered approval; investigation needs two investigators before anything is sent', async () => {
  const calls = coreFor({
    ...reviewing,
    status: 'applied',
    dueTask: 'investigate',
    actions: ['investigate', 'withdraw', 'setKin'],
  });
  renderUi(
    <SessionContext.Provider value={user('clerk', 'u-clerk')}>
      <CasePanel caseId="c1" />
    </SessionContext.Provider>,
  );
  fireEvent.click(await screen.findByRole('button', { name: '登记入户调查' }));
  expect(screen.queryByRole('button', { name: '审核确认' })).toBeNull();
  const dialog = await screen.findByRole('dialog');
  fireEvent.change(within(dialog).getByLabelText(/调查人员/), { target: { value: '张经办' } });
  await within(dialog).findByText('入户调查至少需要 2 名调查人员');
  fireEvent.click(within(dialog).getByRole('button', { name: '登记入户调查' }));
  expect(calls.some((c) => c.method === 'cases.investigate')).toBe(false);
});

const member: MemberView = {
  id: 'p2',
  memberId: 'm2',
  personId: 'p2',
  name: '张小明',
  idNumberMasked: null,
  idLegacy: false,
  sex: 'M',
  birthDate: '2010-03-05',
  age: 16,
  hukouType: 'rural',
  phone: null,
  disabilityType: null,
  disabilityGrade: null,
  disabilityCert: null,
  labourCapacity: null,
  health: null,
  selfCare: null,
  bankName: null,
  bankAccountMasked: '****9012',
  cardAccountMasked: null,
  deceasedOn: null,
  remark: null,
  version: 3,
  relation: '子',
  joinedOn: '2026-11-23',
  leftOn: null,
  leftReason: null,
  isHead: false,
};

test('editing a person leaves masked numbers out (unchanged), and a stale edit shows the core’s message', async () => {
  const calls = withCore((req) =>
    req.method === 'people.update'
      ? {
          ok: false,
          error: { code: 'CONFLICT', message: '人员“张小明”的信息已被他人修改，请刷新后重新编辑（您的修改未保存）' },
        }
      : ok(null),
  );
  renderUi(
    <MemberDialogHost
      household={{ id: 'h1', version: 1 } as never}
      dialog={{ kind: 'edit', m: member }}
      onClose={() => {}}
      onDone={() => {}}
    />,
  );
  const dialog = await screen.findByRole('dialog');
  expect(within(dialog).getByText(/留空表示不变/).textContent).toContain('****9012');
  fireEvent.change(within(dialog).getByLabelText(/联系电话/), { target: { value: '13800000000' } });
  fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
  await within(dialog).findByText('人员“张小明”的信息已被他人修改，请刷新后重新编辑（您的修改未保存）');
  const sent = calls.find((c) => c.method === 'people.update')?.input as Record<string, unknown>;
  expect(sent).toMatchObject({ id: 'p2', version: 3, phone: '13800000000' });
  // Nothing revealed, and the masked numbers are not sent (the core keeps them).
  expect(calls.some((c) => c.method === 'people.revealId')).toBe(false);
  expect('idNumber' in sent || 'bankAccount' in sent || 'cardAccount' in sent).toBe(false);
});

test('the household list asks the core for pages only (50,000 households), and searches as the clerk types', async () => {
  const total = 50_000;
  const row = (i: number): HouseholdRow => ({
    id: `h${i}`,
    villageId: 'v1',
    villageName: '东安居委会',
    headName: i === 0 ? '张三' : `户主${i}`,
    headIdMasked: '**************002X',
    size: 2,
    address: null,
    categories: ['dibao'],
    caseStatus: 'in_payment',
    nextDueOn: null,
    overdue: false,
  });
  const calls = withCore((req) => {
    if (req.method === 'villages.list') return ok(villages);
    const input = req.input as { q?: string; offset: number; limit: number };
    if (input.q === 'zs') return ok({ rows: [row(0)], total: 1 });
    const n = Math.max(0, Math.min(input.limit, total - input.offset));
    return ok({ rows: Array.from({ length: n }, (_, i) => row(input.offset + i)), total });
  });
  // jsdom lays nothing out: give the list's scroll box a 600px-high viewport, as a window would.
  const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (
    this: HTMLElement,
  ) {
    return this.dataset.testid === 'household-scroll' ? 600 : 0;
  });
  renderUi(<HouseholdList />);
  await screen.findByText('共 50000 户');
  await screen.findByRole('link', { name: '户主1' });
  const lists = calls.filter((c) => c.method === 'households.list');
  expect(lists.every((c) => (c.input as { limit: number }).limit <= 100)).toBe(true);
  // Only the rows in view are in the document, not 50,000.
  expect(screen.getAllByRole('row').length).toBeLessThan(60);
  fireEvent.change(screen.getByRole('textbox', { name: '查找户' }), { target: { value: 'zs' } });
  await screen.findByText('共 1 户', undefined, { timeout: 3000 });
  expect(screen.getByRole('link', { name: '张三' })).toBeTruthy();
  await waitFor(() => expect(calls.some((c) => (c.input as { q?: string }).q === 'zs')).toBe(true));
  height.mockRestore();
});
