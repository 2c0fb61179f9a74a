// Entry of the 导入导出 pages: the import wizard, the import template and the case ledger export.
import { Button, Checkbox, Divider, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../api';
import { lazyPage, type RouteDef } from '../../lib/route';
import { notifyError } from '../../lib/notify';
import { canReview, useSession } from '../../lib/session';
import { labelOptions, type LabelValue } from '../../../shared/labels';
import { download } from './files';
import { VillageFilter } from '../../lib/listing';
import { choices } from '../../lib/form';
import { ImportWizard } from './ImportWizard';

function Page() {
  const { user } = useSession();
  const [full, setFull] = useState(false);
  const [reason, setReason] = useState('');
  const [villageId, setVillageId] = useState<string | null>(null);
  const [category, setCategory] = useState<LabelValue<'caseCategory'> | null>(null);
  const [status, setStatus] = useState<'active' | 'stopped' | 'all'>('active');
  async function template() {
    try {
      const out = await call('exchange.template', { kind: 'cases' });
      download(out.fileName, out.data);
    } catch (e) {
      notifyError(e);
    }
  }
  async function exportAll() {
    try {
      const filter = { status, ...(villageId ? { villageId } : {}), ...(category ? { category } : {}) };
      const out = await call('exchange.exportCases', full ? { filter, fullIdNumbers: true, reason } : { filter });
      download(out.fileName, out.data);
    } catch (e) {
      notifyError(e, '未导出');
    }
  }
  return (
    <Stack gap="lg">
      <ImportWizard />
      <Divider />
      <Title order={3}>导出社会救助台账</Title>
      <Text size="sm" c="dimmed">
        导出的文件与导入模板的列相同，修改后可重新导入。每次导出都记入操作日志。
      </Text>
      <Group align="end">
        <VillageFilter placeholder="全部" value={villageId} onChange={setVillageId} />
        <Select
          label="保障类别"
          placeholder="全部"
          clearable
          data={labelOptions('caseCategory')}
          value={category}
          onChange={(v) => setCategory(v as LabelValue<'caseCategory'> | null)}
        />
        <Select
          label="状态"
          data={choices({ active: '在保', stopped: '已停保', all: '全部' })}
          value={status}
          onChange={(v) => setStatus((v as 'active' | 'stopped' | 'all' | null) ?? 'active')}
          allowDeselect={false}
        />
      </Group>
      <Group>
        <Button variant="light" onClick={() => void template()}>
          下载导入模板
        </Button>
        <Button variant="light" onClick={() => void exportAll()}>
          导出名单
        </Button>
        {canReview(user) && (
          <Checkbox label="含完整身份证号码" checked={full} onChange={(e) => setFull(e.currentTarget.checked)} />
        )}
      </Group>
      {full && (
        <TextInput
          label="导出完整身份证号码的用途（记入操作日志，并写在文件上）"
          placeholder="如：上报县民政局核对"
          required
          maw={480}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      )}
    </Stack>
  );
}

export { nav } from './nav';
const ImportBatchesPage = lazyPage(() => import('./ImportBatches').then((m) => m.ImportBatchesPage));

export const routes: RouteDef[] = [
  { path: '/exchange', component: Page },
  { path: '/exchange/batches', component: ImportBatchesPage },
];
