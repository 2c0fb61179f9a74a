import { Button, PasswordInput, Stack } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../api';
import { bindText } from '../../lib/bind';
import { fieldErrorsOf, notifyError, notifyOk } from '../../lib/notify';
import type { RouteDef } from '../../lib/route';
import { useSession } from '../../lib/session';
import { CalendarTab } from '../lifeevents/CalendarTab';
import { NetworkTab } from './NetworkTab';
import { SafetyTab } from './SafetyTab';
import { UsersTab } from './UsersTab';
import { VillagesTab } from './VillagesTab';
import { TabbedPage } from '../../components/TabSet';

function MyAccount() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <Stack maw={360}>
      <PasswordInput label="当前密码" {...bindText(current, setCurrent)} error={errors.current} />
      <PasswordInput label="新密码（至少 8 位）" {...bindText(next, setNext)} error={errors.next} />
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
  const admin = useSession().user.role === 'admin';
  return (
    <TabbedPage
      title="设置"
      tabs={[
        ['villages', '本镇与村(社区)', <VillagesTab />],
        admin && ['users', '用户', <UsersTab />],
        admin && ['safety', '备份与数据安全', <SafetyTab />],
        admin && ['network', '局域网共享', <NetworkTab />],
        ['calendar', '节假日', <CalendarTab />],
        ['me', '我的账号', <MyAccount />],
      ]}
    />
  );
}

export { nav } from './nav';
export const routes: RouteDef[] = [{ path: '/settings', component: Settings }];
