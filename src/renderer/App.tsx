// The shell: first-run set-up, login (and the idle lock), then the sidebar with the ledgers.
import { AppShell, Badge, Button, Center, Group, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useIdle } from '@mantine/hooks';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { SetupStatus, UserView } from '../shared/api/auth';
import { label } from '../shared/labels';
import {
  call,
  hasSession,
  isOfficeMode,
  onConnectionChange,
  onUnauthenticated,
  setSession,
  type ConnectionState,
} from './api';
import { clearErrorNotices } from './lib/notify';
import { navigate, usePath } from './lib/router';
import { SessionContext } from './lib/session';
import { LoginPage } from './pages/auth/LoginPage';
import { prefetchDashboard } from './pages/home/prefetch';
import { UnsentBadge } from './pages/village/UnsentBadge';
import { navEntries, Page, PageLoading, preloadFirstScreen } from './routes';

// First-run set-up happens once per ledger: its code is not part of the login screen's.
const SetupWizard = lazy(() => import('./pages/auth/SetupWizard').then((m) => ({ default: m.SetupWizard })));

type Phase =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'setup' }
  | { kind: 'login'; status: SetupStatus; notice?: string; username?: string }
  | { kind: 'ready'; status: SetupStatus; user: UserView; idleMinutes: number };

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  const start = useCallback(async () => {
    try {
      const status = await call('setup.status', {});
      // The township's name in the title bar (Electron shows the page title) and the browser tab.
      document.title = status.township ? `${status.township.name} · 乡镇民政台账` : '乡镇民政台账';
      if (!status.initialized) return setPhase({ kind: 'setup' });
      if (hasSession()) {
        try {
          const user = await call('auth.me', {});
          return setPhase({ kind: 'ready', status, user, idleMinutes: 15 });
        } catch {
          /* expired: fall through to login */
        }
      }
      setPhase({ kind: 'login', status });
    } catch (e) {
      setPhase({ kind: 'error', message: (e as Error).message });
    }
  }, []);

  useEffect(() => {
    void start();
  }, [start]);

  // While the login form is shown, 工作台's code is fetched ahead.
  useEffect(() => {
    if (phase.kind === 'login') preloadFirstScreen();
  }, [phase.kind]);

  useEffect(
    () =>
      onUnauthenticated((message) =>
        setPhase((p) =>
          p.kind === 'ready' ? { kind: 'login', status: p.status, notice: message, username: p.user.username } : p,
        ),
      ),
    [],
  );

  const logout = useCallback(() => {
    void call('auth.logout', {}).catch(() => undefined);
    setSession(undefined);
    void start();
  }, [start]);

  switch (phase.kind) {
    case 'loading':
      return (
        <Center h="100vh">
          <PageLoading text="正在连接台账…" />
        </Center>
      );
    case 'error':
      return (
        <Center h="100vh">
          <Stack align="center">
            <Title order={3}>无法连接台账</Title>
            <Text c="red">{phase.message}</Text>
            <Button onClick={() => void start()}>重试</Button>
          </Stack>
        </Center>
      );
    case 'setup':
      return (
        <Suspense
          fallback={
            <Center h="100vh">
              <PageLoading text="正在加载初始设置…" />
            </Center>
          }
        >
          <SetupWizard onDone={() => void start()} />
        </Suspense>
      );
    case 'login':
      return (
        <LoginPage
          township={phase.status.township?.path ?? ''}
          notice={phase.notice}
          username={phase.username}
          onLoggedIn={(r) => {
            setSession(r.session);
            // Every login opens on 工作台 — except the same user coming back after the idle lock, who continues.
            if (r.user.username !== phase.username) {
              navigate('/');
              prefetchDashboard();
            }
            setPhase({ kind: 'ready', status: phase.status, user: r.user, idleMinutes: r.idleMinutes });
          }}
        />
      );
    case 'ready':
      return (
        <SessionContext.Provider value={{ user: phase.user, township: phase.status.township, logout }}>
          <Shell
            user={phase.user}
            township={phase.status.township?.path ?? ''}
            idleMinutes={phase.idleMinutes}
            onLogout={logout}
            onIdle={() => {
              setSession(undefined);
              setPhase({
                kind: 'login',
                status: phase.status,
                notice: '长时间未操作，已自动锁定，请重新登录',
                username: phase.user.username,
              });
            }}
          />
        </SessionContext.Provider>
      );
  }
}

function Shell(props: {
  user: UserView;
  township: string;
  idleMinutes: number;
  onLogout: () => void;
  onIdle: () => void;
}) {
  const path = usePath();
  useEffect(() => clearErrorNotices(), [path]);
  const idle = useIdle(props.idleMinutes * 60 * 1000, { initialState: false });
  useEffect(() => {
    if (idle) props.onIdle();
  }, [idle, props]);

  const active = (p: string) => (p === '/' ? path === '/' : path === p || path.startsWith(`${p}/`));
  // Exactly one menu item is highlighted: the one whose address matches the page the longest (a sub-page before its
  // ledger's entry with the same address, e.g. 服务设施 = /stations).
  const candidates = navEntries.flatMap((n) => [
    ...(n.children ?? []).map((c) => ({ key: `c:${c.path}`, path: c.path })),
    { key: `n:${n.path}`, path: n.path },
  ]);
  const current = candidates
    .filter((c) => active(c.path))
    .reduce<{ key: string; path: string } | null>((a, c) => (a && a.path.length >= c.path.length ? a : c), null)?.key;

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 210, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Title order={4}>乡镇民政台账</Title>
            <Text size="sm" c="dimmed">
              {props.township}
            </Text>
          </Group>
          <Group gap="sm">
            {isOfficeMode() && <OfficeBadge />}
            <UnsentBadge />
            <Text size="sm">{props.user.displayName}</Text>
            <Badge variant="light">{label('role', props.user.role)}</Badge>
            <Button size="xs" variant="subtle" onClick={props.onLogout}>
              退出登录
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <ScrollArea>
          <nav aria-label="主导航">
            {navEntries.map((n) => (
              <NavLink
                key={n.path}
                label={n.label}
                active={current === `n:${n.path}`}
                defaultOpened={active(n.path)}
                onClick={() => !n.children && navigate(n.path)}
                href={`#${n.path}`}
              >
                {n.children?.map((c) => (
                  <NavLink key={c.path} label={c.label} href={`#${c.path}`} active={current === `c:${c.path}`} />
                ))}
              </NavLink>
            ))}
          </nav>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        {/* Each ledger's pages load when first opened (a loader shows meanwhile): see routes.tsx. */}
        <Page path={path} />
      </AppShell.Main>
    </AppShell>
  );
}

/** On a client PC: which office host this is, and whether it answers. */
function OfficeBadge() {
  const [state, setState] = useState<ConnectionState>('online');
  useEffect(() => onConnectionChange(setState), []);
  // A quiet page still learns that the host is gone (or back).
  useEffect(() => {
    const t = setInterval(() => void call('setup.status', {}).catch(() => undefined), 20_000);
    return () => clearInterval(t);
  }, []);
  return (
    <Badge color={state === 'online' ? 'green' : 'red'} variant="light" title="办公室台账主机">
      办公室台账 {window.location.host} · {state === 'online' ? '已连接' : '连接中断，正在重试'}
    </Badge>
  );
}
