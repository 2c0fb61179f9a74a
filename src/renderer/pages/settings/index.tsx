import { Button, PasswordInput, Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../api';
import { fieldErrorsOf, notifyError, notifyOk } from '../../lib/notify';
import type { RouteDef } from '../../lib/route';
import { useSession } from '../../lib/session';
import { CalendarTab } from '../lifeevents/CalendarTab';
import { NetworkTab } from './NetworkTab';
import { SafetyTab } from './SafetyTab';
import { UsersTab } from './UsersTab';
import { VillagesTab } from './VillagesTab';

function MyAccount() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <Stack maw={360}>
      <PasswordInput
        label="当前密码"
        value={current}
        onChange={(e) => setCurrent(e.currentTarget.value)}
        error={errors.current}
      />
      <PasswordInput
        label="新密码（至少 8 位）"
        value={next}
        onChange={(e) => setNext(e.currentTarget.value)}
        error={errors.next}
      />
      <Button
        onClick={() =>
          void call('auth.changePassword', { current, next }).then(
            () => {
              notifyOk('密码已修改');
              setCurrent('');
              setNext('');
              setErrors({});
            },
            (e: unknown) => {
              setErrors(fieldErrorsOf(e));
              notifyError(e);
            },
          )
        }
      >
        修改密码
      </Button>
    </Stack>
  );
}

function Settings() {
  const { user } = useSession();
  return (
    <Stack>
      <Title order={2}>设置</Title>
      <Tabs defaultValue="villages" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="villages">本镇与村(社区)</Tabs.Tab>
          {user.role === 'admin' && <Tabs.Tab value="users">用户</Tabs.Tab>}
          {user.role === 'admin' && <Tabs.Tab value="safety">备份与数据安全</Tabs.Tab>}
          {user.role === 'admin' && <Tabs.Tab value="network">局域网共享</Tabs.Tab>}
          <Tabs.Tab value="calendar">节假日</Tabs.Tab>
          <Tabs.Tab value="me">我的账号</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="villages" pt="md">
          <VillagesTab />
        </Tabs.Panel>
        {user.role === 'admin' && (
          <Tabs.Panel value="users" pt="md">
            <UsersTab />
          </Tabs.Panel>
        )}
        {user.role === 'admin' && (
          <Tabs.Panel value="safety" pt="md">
            <SafetyTab />
          </Tabs.Panel>
        )}
        {user.role === 'admin' && (
          <Tabs.Panel value="network" pt="md">
            <NetworkTab />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="calendar" pt="md">
          <CalendarTab />
        </Tabs.Panel>
        <Tabs.Panel value="me" pt="md">
          <MyAccount />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

export { nav } from './nav';
export const routes: RouteDef[] = [{ path: '/settings', component: Settings }];
