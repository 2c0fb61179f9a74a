// A register's files beside its import: the empty import template and the export with the same columns.
import { Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { IMPORT_KIND_TITLES, type ImportKind } from '../../../shared/api/exchange';
import { call } from '../../api';
import { bindCheck, bindText } from '../../lib/bind';
import { notifyError } from '../../lib/notify';
import { canReview, useSession } from '../../lib/session';
import { download } from './files';

/** A register's empty import template and its export with the same columns (full ID numbers: reviewers, with a purpose). */
export function RegisterFiles({ kind }: { kind: Exclude<ImportKind, 'cases'> }) {
  const { user } = useSession();
  const [full, setFull] = useState(false);
  const [reason, setReason] = useState('');
  const personal = kind === 'elderly' || kind === 'children';
  async function template() {
    try {
      const out = await call('exchange.template', { kind });
      download(out.fileName, out.data);
    } catch (e) {
      notifyError(e);
    }
  }
  async function exportRegister() {
    try {
      const out = await call(
        'exchange.exportRegister',
        full && personal ? { kind, fullIdNumbers: true, reason } : { kind },
      );
      download(out.fileName, out.data);
    } catch (e) {
      notifyError(e, '未导出');
    }
  }
  return (
    <Stack gap={4}>
      <Group>
        <Button variant="light" onClick={() => void template()}>
          下载{IMPORT_KIND_TITLES[kind]}导入模板
        </Button>
        <Button variant="light" onClick={() => void exportRegister()}>
          导出{IMPORT_KIND_TITLES[kind]}
        </Button>
        {personal && canReview(user) && <Checkbox label="含完整身份证号码" {...bindCheck(full, setFull)} />}
      </Group>
      {full && personal && (
        <TextInput
          label="导出完整身份证号码的用途（记入操作日志，并写在文件上）"
          required
          maw={480}
          {...bindText(reason, setReason)}
        />
      )}
      <Text size="sm" c="dimmed">
        导出的文件与导入模板的列相同，修改后可重新导入
        {personal ? '；身份证号码默认遮挡，遮挡的号码不能重新导入（需重新导入时请导出完整号码）' : ''}。
      </Text>
    </Stack>
  );
}
