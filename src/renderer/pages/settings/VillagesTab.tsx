import { Badge, Button, Group, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { VillageView } from '../../../shared/api/township';
import { call } from '../../api';
import { fieldErrorsOf, notifyError, notifyOk } from '../../lib/notify';
import { useSession } from '../../lib/session';
import { useCall } from '../../lib/useCall';
import { DataTable } from '../../components/DataTable';
import { SaveModal } from '../../components/SaveModal';
import { choices } from '../../lib/form';

type Dialog = { kind: 'create' } | { kind: 'rename'; v: VillageView } | { kind: 'merge'; v: VillageView } | null;

export function VillagesTab() {
  const { user, township } = useSession();
  const [showInactive, setShowInactive] = useState(false);
  const villages = useCall('villages.list', { includeInactive: showInactive });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'village' | 'community'>('village');
  const [reason, setReason] = useState('');
  const [into, setInto] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const isAdmin = user.role === 'admin';
  const byId = new Map((villages.data ?? []).map((v) => [v.id, v.name]));

  function open(d: Dialog) {
    setDialog(d);
    setErrors({});
    setReason('');
    setInto(null);
    setName(d && d.kind === 'rename' ? d.v.name : '');
    setKind('village');
  }

  async function save() {
    try {
      if (dialog?.kind === 'create') await call('villages.create', { name, kind });
      if (dialog?.kind === 'rename')
        await call('villages.rename', { id: dialog.v.id, version: dialog.v.version, name, reason });
      if (dialog?.kind === 'merge')
        await call('villages.merge', { id: dialog.v.id, version: dialog.v.version, intoId: into ?? '', reason });
      notifyOk('已保存');
      setDialog(null);
      villages.reload();
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      notifyError(e);
    }
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Text>
          {township?.path}（代码 {township?.code}）共 {villages.data?.filter((v) => v.active).length ?? '…'} 个村(社区)
        </Text>
        <Group>
          <Switch
            label="显示已撤并"
            checked={showInactive}
            onChange={(e) => setShowInactive(e.currentTarget.checked)}
          />
          {isAdmin && <Button onClick={() => open({ kind: 'create' })}>新增村(社区)</Button>}
        </Group>
      </Group>
      <DataTable
        striped
        highlightOnHover
        head={['名称', '类型', '区划代码', '状态', isAdmin && '操作']}
        rows={villages.data}
        rowKey={(v) => v.id}
        cells={(v) => [
          v.name,
          v.kind === 'community' ? '社区' : '村',
          v.code ?? '—',
          v.active ? (
            <Badge color="green" variant="light">
              在用
            </Badge>
          ) : (
            <Badge color="gray">已并入{byId.get(v.mergedIntoId ?? '') ?? ''}</Badge>
          ),
          v.active && (
            <Group gap="xs">
              <Button size="compact-xs" variant="light" onClick={() => open({ kind: 'rename', v })}>
                改名
              </Button>
              <Button size="compact-xs" variant="light" color="orange" onClick={() => open({ kind: 'merge', v })}>
                撤并
              </Button>
            </Group>
          ),
        ]}
      />
      <SaveModal
        opened={dialog !== null}
        onSave={() => void save()}
        onClose={() => setDialog(null)}
        title={
          dialog?.kind === 'create'
            ? '新增村(社区)'
            : dialog?.kind === 'rename'
              ? `改名：${dialog.v.name}`
              : dialog?.kind === 'merge'
                ? `撤并：${dialog.v.name}`
                : ''
        }
      >
        {dialog?.kind !== 'merge' && (
          <TextInput label="名称" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
        )}
        {dialog?.kind === 'create' && (
          <Select
            label="类型"
            data={choices({ village: '村', community: '社区' })}
            value={kind}
            onChange={(v) => setKind(v === 'community' ? 'community' : 'village')}
          />
        )}
        {dialog?.kind === 'merge' && (
          <Select
            label="并入"
            data={(villages.data ?? [])
              .filter((v) => v.active && v.id !== dialog.v.id)
              .map((v) => ({ value: v.id, label: v.name }))}
            value={into}
            onChange={setInto}
            searchable
            error={errors.intoId}
          />
        )}
        {dialog?.kind !== 'create' && (
          <TextInput
            label="原因"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
          />
        )}
      </SaveModal>
    </Stack>
  );
}
