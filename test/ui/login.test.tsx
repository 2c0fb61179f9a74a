import { fireEvent, screen, waitFor } from '@testing-library/react';
import { expect, test, vi } from 'vitest';
import { LoginPage } from '../../src/renderer/pages/auth/LoginPage';
import { renderUi, withCore } from './render';

test('a wrong password shows the core’s Chinese message and clears the password field', async () => {
  const calls = withCore(() => ({
    ok: false,
    error: { code: 'UNAUTHENTICATED', message: '登录名或密码不正确（还可再试 4 次）' },
  }));
  const onLoggedIn = vi.fn();
  renderUi(<LoginPage township="江苏省 / 泰州市 / 海陵区 / 城东街道" onLoggedIn={onLoggedIn} />);
  expect(screen.getByText('江苏省 / 泰州市 / 海陵区 / 城东街道')).toBeTruthy();
  fireEvent.change(screen.getByLabelText(/登录名/), { target: { value: 'clerk' } });
  const pw = screen.getByLabelText(/密码/) as HTMLInputElement;
  fireEvent.change(pw, { target: { value: 'bad' } });
  fireEvent.click(screen.getByRole('button', { name: '登录' }));
  await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('登录名或密码不正确（还可再试 4 次）'));
  expect(pw.value).toBe('');
  expect(onLoggedIn).not.toHaveBeenCalled();
  expect(calls[0]).toMatchObject({ method: 'auth.login', input: { username: 'clerk', password: 'bad' } });
});

test('the idle-lock notice is shown with the user name kept', () => {
  withCore(() => ({ ok: true, data: {} }));
  renderUi(
    <LoginPage township="" notice="长时间未操作，已自动锁定，请重新登录" username="clerk" onLoggedIn={() => {}} />,
  );
  expect(screen.getByText('长时间未操作，已自动锁定，请重新登录')).toBeTruthy();
  expect((screen.getByLabelText(/登录名/) as HTMLInputElement).value).toBe('clerk');
});
