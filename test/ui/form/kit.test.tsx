// The renderer's form kit (src/renderer/lib/form) in jsdom: messages from the contract's own schema as the clerk
// types, every broken rule listed, money typed in 元 and sent in fen, and the core's refusal shown at its field and
// above the buttons until the clerk corrects that field.
import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { CallDialog, FormModal, MoneyField, TextField, useForm } from '../../../src/renderer/lib/form';
import { renderUi, withCore } from '../render';

const ok = (data: unknown) => ({ ok: true as const, data });

function TopUp(props: { onDone?: () => void }) {
  return (
    <CallDialog
      method="reserve.topUp"
      title="拨付临时救助备用金"
      initial={{ amountFen: undefined, reason: '' }}
      prepare={(v) => ({ ...v, version: 4 })}
      done="已拨付"
      onClose={() => {}}
      onDone={() => props.onDone?.()}
    >
      <MoneyField path="amountFen" label="拨付金额" required />
      <TextField path="reason" label="依据/原因" required />
    </CallDialog>
  );
}

test('the contract’s schema is checked as the clerk types: a message appears at a touched field only, and goes when fixed', async () => {
  withCore(() => ok(null));
  renderUi(<TopUp />);
  const dialog = await screen.findByRole('dialog');
  const reason = within(dialog).getByLabelText(/依据\/原因/);
  // Nothing is shown before the clerk has touched a field.
  expect(within(dialog).queryByText('请填写原因')).toBeNull();
  fireEvent.change(reason, { target: { value: '   ' } });
  // reserve.topUp's reason is trimmed and needs one character: the schema's own Chinese message.
  expect(within(dialog).getByText('请填写原因')).toBeTruthy();
  // The untouched amount says nothing yet.
  expect(within(dialog).queryByText('请填写拨付金额')).toBeNull();
  fireEvent.change(reason, { target: { value: '县民政局拨款文件' } });
  expect(within(dialog).queryByText('请填写原因')).toBeNull();
});

test('saving shows every field’s message at once, in the field’s own words for what is missing, and calls nothing', async () => {
  const calls = withCore(() => ok(null));
  renderUi(<TopUp />);
  const dialog = await screen.findByRole('dialog');
  fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
  expect(await within(dialog).findByText('请填写拨付金额')).toBeTruthy();
  expect(within(dialog).getByText('请填写原因')).toBeTruthy();
  expect(calls.some((c) => c.method === 'reserve.topUp')).toBe(false);
});

test('money is typed in 元 and sent in fen; text that is not an amount is named at the field and nothing is sent', async () => {
  let done = 0;
  const calls = withCore(() => ok({ balanceFen: 123450, version: 5 }));
  renderUi(<TopUp onDone={() => (done += 1)} />);
  const dialog = await screen.findByRole('dialog');
  const amount = within(dialog).getByLabelText(/拨付金额/);
  fireEvent.change(within(dialog).getByLabelText(/依据\/原因/), { target: { value: '县民政局拨款文件' } });
  fireEvent.change(amount, { target: { value: '12.345' } });
  expect(within(dialog).getByText('金额最多保留两位小数（到分），「12.345」有 3 位小数')).toBeTruthy();
  fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
  await new Promise((r) => setTimeout(r, 50));
  expect(calls.some((c) => c.method === 'reserve.topUp')).toBe(false);
  // A schema rule on the fen: 0 is not a top-up.
  fireEvent.change(amount, { target: { value: '0' } });
  expect(within(dialog).getByText('拨付金额应大于 0')).toBeTruthy();
  fireEvent.change(amount, { target: { value: '￥1,234.5' } });
  expect(within(dialog).queryByText(/有 3 位小数|应大于 0/)).toBeNull();
  fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
  await screen.findByText('已拨付');
  expect(calls.find((c) => c.method === 'reserve.topUp')?.input).toEqual({
    amountFen: 123450,
    reason: '县民政局拨款文件',
    version: 4,
  });
  expect(done).toBe(1);
});

test('the core’s field error is shown at its field and its message above the buttons; both clear when the field is fixed', async () => {
  const calls = withCore(() => ({
    ok: false,
    error: {
      code: 'BAD_INPUT',
      message: '拨付原因须写明拨款文件号',
      fields: { reason: '请写明拨款文件号（如 泰民〔2026〕12号）' },
    },
  }));
  renderUi(<TopUp />);
  const dialog = await screen.findByRole('dialog');
  fireEvent.change(within(dialog).getByLabelText(/拨付金额/), { target: { value: '500' } });
  const reason = within(dialog).getByLabelText(/依据\/原因/);
  fireEvent.change(reason, { target: { value: '上级拨款' } });
  fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
  expect(await within(dialog).findByText('请写明拨款文件号（如 泰民〔2026〕12号）')).toBeTruthy();
  const banner = within(dialog).getByRole('alert');
  expect(banner.textContent).toContain('拨付原因须写明拨款文件号');
  expect(calls.find((c) => c.method === 'reserve.topUp')?.input).toMatchObject({ amountFen: 50000 });
  // Correcting the field the core named takes away its message and the banner.
  fireEvent.change(reason, { target: { value: '上级拨款 泰民〔2026〕12号' } });
  expect(within(dialog).queryByText('请写明拨款文件号（如 泰民〔2026〕12号）')).toBeNull();
  expect(within(dialog).queryByRole('alert')).toBeNull();
});

const code = z.object({
  code: z.string().min(6, '编号至少 6 位').regex(/^\d*$/, '编号只能是数字'),
});

function CodeForm() {
  const form = useForm(code, { code: '' });
  return (
    <FormModal title="编号" opened onClose={() => {}} form={form} onSubmit={() => void form.submit(async () => {})}>
      <TextField path="code" label="编号" />
    </FormModal>
  );
}

test('a value that breaks several rules shows every one of them, not only one', async () => {
  withCore(() => ok(null));
  renderUi(<CodeForm />);
  const dialog = await screen.findByRole('dialog');
  fireEvent.change(within(dialog).getByLabelText('编号'), { target: { value: '12a' } });
  expect(within(dialog).getByText('编号至少 6 位')).toBeTruthy();
  expect(within(dialog).getByText('编号只能是数字')).toBeTruthy();
  fireEvent.change(within(dialog).getByLabelText('编号'), { target: { value: '123a56' } });
  expect(within(dialog).queryByText('编号至少 6 位')).toBeNull();
  expect(within(dialog).getByText('编号只能是数字')).toBeTruthy();
});
