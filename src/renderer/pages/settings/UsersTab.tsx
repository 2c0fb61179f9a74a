import { Badge, Button, Group, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { UserView } from '../../../shared/api/auth';
import type { Role } from '../../../shared/api/contract';
import { label, labelOptions } from '../../../shared/labels';
import { call } from '../../api';
import { fieldErrorsOf, notifyError, notifyOk } from '../../lib/notify';
import { useCall } from '../../lib/useCall';
import { DataTable } from '../../components/DataTable';
import { SaveModal } from '../../components/SaveModal';

type Dialog = { kind: 'create' } | { kind: 'edit'; u: UserView } | { kind: 'reset'; u: UserView } | null;

export function UsersTab() {
  const users = useCall('users.list', {});
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form, setForm] = useState({ username: '', displayName: '', role: 'clerk' as Role, password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});

  function open(d: Dialog) {
    setDialog(d);
    setErrors({});
    if (d?.kind === 'edit')
      setForm({ username: d.u.username, displayName: d.u.displayName, role: d.u.role, password: '' });
    else setForm({ username: '', displayName: '', role: 'clerk', password: '' });
  }

  async function save() {
    try {
      if (dialog?.kind === 'create') await call('users.create', form);
      if (dialog?.kind === 'edit')
        await call('users.update', {
          id: dialog.u.id,
          version: dialog.u.version,
          displayName: form.displayName,
          role: form.role,
        });
      if (dialog?.kind === 'reset') await call('users.resetPassword', { id: dialog.u.id, password: form.password });
      notifyOk('已保存');
      setDialog(null);
      users.reload();
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      notifyError(e);
    }
  }

  async function toggle(u: UserView) {
    try {
      await call('users.update', { id: u.id, version: u.version, active: !u.active });
      users.reload();
    } catch (e) {
      notifyError(e);
    }
  }

  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={() => open({ kind: 'create' })}>新增用户</Button>
      </Group>
      <DataTable
        striped
        head={['登录名', '姓名', '角色', '状态', '操作']}
        rows={users.data}
        rowKey={(u) => u.id}
        cells={(u) => [
          u.username,
          u.displayName,
          label('role', u.role),
          !u.active ? (
            <Badge color="gray">已停用</Badge>
          ) : u.lockedUntil && u.lockedUntil > new Date().toISOString() ? (
            <Badge color="red">已锁定</Badge>
          ) : (
            <Badge color="green" variant="light">
              正常
            </Badge>
          ),
          <Group gap="xs">
            <Button size="compact-xs" variant="light" onClick={() => open({ kind: 'edit', u })}>
              编辑
            </Button>
            <Button size="compact-xs" variant="light" onClick={() => open({ kind: 'reset', u })}>
              重置密码/解锁
            </Button>
            <Button
              size="compact-xs"
              variant="light"
              color={u.active ? 'orange' : 'green'}
              onClick={() => void toggle(u)}
            >
              {u.active ? '停用' : '启用'}
            </Button>
          </Group>,
        ]}
      />
      <SaveModal
        opened={dialog !== null}
        onSave={() => void save()}
        onClose={() => setDialog(null)}
        title={dialog?.kind === 'create' ? '新增用户' : dialog?.kind === 'edit' ? '编辑用户' : '重置密码'}
      >
        {dialog?.kind === 'create' && (
          <TextInput
            label="登录名"
            value={form.username}
            onChange={(e) => setForm({ ...form, username: e.currentTarget.value })}
            error={errors.username}
          />
        )}
        {dialog?.kind !== 'reset' && (
          <>
            <TextInput
              label="姓名"
              value={form.displayName}
              onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })}
              error={errors.displayName}
            />
            <Select
              label="角色"
              data={labelOptions('role')}
              value={form.role}
              onChange={(v) => setForm({ ...form, role: (v ?? 'clerk') as Role })}
              error={errors.role}
            />
          </>
        )}
        {dialog?.kind !== 'edit' && (
          <PasswordInput
            label="初始密码（至少 8 位，用户首次登录时须改为自己的密码）"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            error={errors.password}
          />
        )}
      </SaveModal>
    </Stack>
  );
}
