// Attachments of one record (户, 救助对象, 设施, 社会组织): list, upload, open, void with a reason.
import { Button, FileButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { MAX_ATTACHMENT_BYTES, type AttachmentEntityValue, type AttachmentView } from '../../shared/api/attachments';
import { call } from '../api';
import { bytesToBase64, downloadBase64 } from '../lib/download';
import { notifyError, notifyOk } from '../lib/notify';
import { useCall } from '../lib/useCall';
import { DataTable } from '../components/DataTable';

const kb = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export function Attachments({ entity, entityId }: { entity: AttachmentEntityValue; entityId: string }) {
  const list = useCall('attachments.list', { entity, entityId });
  const [busy, setBusy] = useState(false);
  const [voiding, setVoiding] = useState<AttachmentView | null>(null);
  const [reason, setReason] = useState('');

  async function upload(file: File | null) {
    if (!file) return;
    if (file.size > MAX_ATTACHMENT_BYTES) {
      notifyError(new Error(`附件“${file.name}”超过 20 MB，请压缩或分页扫描后再上传`));
      return;
    }
    setBusy(true);
    try {
      await call('attachments.add', {
        entity,
        entityId,
        name: file.name,
        dataBase64: bytesToBase64(await file.arrayBuffer()),
      });
      notifyOk(`已上传“${file.name}”`);
      list.reload();
    } catch (e) {
      notifyError(e, '附件未上传');
    } finally {
      setBusy(false);
    }
  }

  async function open(a: AttachmentView) {
    try {
      const f = await call('attachments.get', { id: a.id });
      downloadBase64(f.name, f.mime, f.dataBase64);
    } catch (e) {
      notifyError(e, '附件无法打开');
    }
  }

  async function doVoid() {
    if (!voiding) return;
    try {
      await call('attachments.void', { id: voiding.id, version: voiding.version, reason });
      setVoiding(null);
      list.reload();
    } catch (e) {
      notifyError(e);
    }
  }

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          扫描件、照片、PDF、Word/Excel，单个不超过 20 MB；文件保存在台账旁，按校验值防篡改。
        </Text>
        <FileButton
          onChange={(f) => void upload(f)}
          accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,.doc,.docx,.xls,.xlsx,.ofd"
        >
          {(props) => (
            <Button {...props} size="xs" loading={busy}>
              上传附件
            </Button>
          )}
        </FileButton>
      </Group>
      {list.data && list.data.length === 0 && <Text size="sm">暂无附件</Text>}
      {list.data && list.data.length > 0 && (
        <DataTable
          head={['文件', '大小', '上传人', '上传时间', '操作']}
          rows={list.data}
          rowKey={(a) => a.id}
          cells={(a) => [
            a.name,
            kb(a.size),
            a.createdBy,
            a.createdAt.slice(0, 16).replace('T', ' '),
            <Group gap="xs">
              <Button size="compact-xs" variant="light" onClick={() => void open(a)}>
                打开
              </Button>
              <Button
                size="compact-xs"
                variant="light"
                color="orange"
                onClick={() => {
                  setVoiding(a);
                  setReason('');
                }}
              >
                作废
              </Button>
            </Group>,
          ]}
        />
      )}
      <Modal opened={voiding !== null} onClose={() => setVoiding(null)} title={`作废附件：${voiding?.name ?? ''}`}>
        <Stack>
          <Text size="sm">作废后不再显示，但文件和记录保留备查。</Text>
          <TextInput label="原因" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button color="orange" disabled={!reason.trim()} onClick={() => void doVoid()}>
              作废
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
