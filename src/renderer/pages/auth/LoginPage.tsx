import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { LoginResult } from '../../../shared/api/auth';
import { ApiError, call } from '../../api';

export function LoginPage(props: {
  township: string;
  notice?: string | undefined;
  username?: string | undefined;
  onLoggedIn: (r: LoginResult) => void;
}) {
  const [username, setUsername] = useState(props.username ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      props.onLoggedIn(await call('auth.login', { username, password }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center h="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <div>
              <Title order={2}>乡镇民政台账</Title>
              <Text c="dimmed" size="sm">
                {props.township}
              </Text>
            </div>
            {props.notice && <Alert color="yellow">{props.notice}</Alert>}
            <TextInput
              label="登录名"
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              autoComplete="username"
              required
              data-autofocus
            />
            <PasswordInput
              label="密码"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="current-password"
              required
            />
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Button type="submit" loading={busy}>
              登录
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
