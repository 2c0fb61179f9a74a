import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { LoginResult } from '../../../shared/api/auth';
import { ApiError, call, setSession } from '../../api';
import { bindText } from '../../lib/bind';

/**
 * A login step's form: on submit it runs `action` (which may return a message instead of going on), and shows the
 * core's refusal in a red alert above the button.
 */
function StepForm(props: {
  action: () => Promise<string | void>;
  onRefused?: () => void;
  submitLabel: string;
  children: ReactNode;
}) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const problem = await props.action();
      if (problem) setError(problem);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      props.onRefused?.();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)}>
      <Stack>
        {props.children}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" loading={busy}>
          {props.submitLabel}
        </Button>
      </Stack>
    </form>
  );
}

/** A login step's input: labelled, required, bound to its state, and saying what the browser may fill in. */
const stepInput = (label: string, value: string, set: (v: string) => void, autoComplete: string) => ({
  label,
  ...bindText(value, set),
  autoComplete,
  required: true,
});

/**
 * At a new account's first login, or the first after an administrator reset the password, the user chooses a new one
 * before anything else (the dispatcher allows nothing else until then). The password just typed is the current one.
 */
function ChooseNewPassword(props: { login: LoginResult; current: string; onDone: (r: LoginResult) => void }) {
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');

  async function change() {
    if (next !== again) return '两次输入的新密码不一致';
    setSession(props.login.session);
    await call('auth.changePassword', { current: props.current, next });
    props.onDone({ ...props.login, user: { ...props.login.user, mustChangePassword: false } });
  }

  return (
    <StepForm action={change} submitLabel="设置新密码并进入">
      <Title order={3}>请设置新密码</Title>
      <Alert color="yellow">
        您的密码是管理员设定的（新账号的初始密码或重置后的密码）。设置新密码后才能继续使用；新密码只有您本人知道。
      </Alert>
      <PasswordInput {...stepInput('新密码（至少 8 位）', next, setNext, 'new-password')} data-autofocus />
      <PasswordInput {...stepInput('再次输入新密码', again, setAgain, 'new-password')} />
    </StepForm>
  );
}

export function LoginPage(props: {
  township: string;
  notice?: string | undefined;
  username?: string | undefined;
  onLoggedIn: (r: LoginResult) => void;
}) {
  const [username, setUsername] = useState(props.username ?? '');
  const [password, setPassword] = useState('');
  const [mustChange, setMustChange] = useState<LoginResult>();

  async function login() {
    const r = await call('auth.login', { username, password });
    if (r.user.mustChangePassword) setMustChange(r);
    else props.onLoggedIn(r);
  }

  return (
    <Center h="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        {mustChange ? (
          <ChooseNewPassword login={mustChange} current={password} onDone={props.onLoggedIn} />
        ) : (
          <StepForm action={login} onRefused={() => setPassword('')} submitLabel="登录">
            <div>
              <Title order={2}>乡镇民政台账</Title>
              <Text c="dimmed" size="sm">
                {props.township}
              </Text>
            </div>
            {props.notice && <Alert color="yellow">{props.notice}</Alert>}
            <TextInput {...stepInput('登录名', username, setUsername, 'username')} data-autofocus />
            <PasswordInput {...stepInput('密码', password, setPassword, 'current-password')} />
          </StepForm>
        )}
      </Paper>
    </Center>
  );
}
