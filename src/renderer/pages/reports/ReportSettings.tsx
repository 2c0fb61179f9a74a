// 报表设置 (admin): the delivery settings and what shapes the workbook.
import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ReportSettingsView } from '../../../shared/api/reports';
import { call } from '../../api';
import { choices } from '../../lib/form';
import { notifyError, notifyOk } from '../../lib/notify';
import { useCall } from '../../lib/useCall';
import { DeliverySettings } from './DeliverySettings';

/**
 * 报表设置: when and where the package goes (schedule day, upload address, export folder — each can be tried), and
 * what shapes the workbook: money unit, the county's 表号 and the names in the sign-off fields (admin).
 */
export function ReportSettings({ onClose }: { onClose: () => void }) {
  const current = useCall('reports.settings', {});
  const [draft, setDraft] = useState<ReportSettingsView | null>(null);
  const [saving, setSaving] = useState(false);
  const v = draft ?? current.data ?? null;
  if (!v) return <Text c="dimmed">正在读取……</Text>;
  const set = (patch: Partial<ReportSettingsView>) => setDraft({ ...v, ...patch });
  const setSigner = (k: keyof ReportSettingsView['signers'], value: string) =>
    setDraft({ ...v, signers: { ...v.signers, [k]: value } });
  const save = async () => {
    setSaving(true);
    try {
      await call('reports.saveSettings', {
        scheduleDay: v.scheduleDay,
        uploadUrl: v.uploadUrl,
        exportFolder: v.exportFolder,
        fullIdNumbers: v.fullIdNumbers,
        amountUnit: v.amountUnit,
        formNumber: v.formNumber,
        signers: v.signers,
        version: v.version,
      });
      notifyOk('报表设置已保存，下次生成的报表包按新设置填写');
      onClose();
    } catch (e) {
      notifyError(e, '报表设置未保存');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack>
      <DeliverySettings
        scheduleDay={v.scheduleDay}
        uploadUrl={v.uploadUrl}
        exportFolder={v.exportFolder}
        onChange={(patch) => set(patch)}
      />
      <Select
        label="金额单位"
        data={choices({ yuan: '元（两位小数）', wan: '万元（月报一位小数，低保、特困表两位小数）' })}
        value={v.amountUnit}
        onChange={(x) => x && set({ amountUnit: x as 'yuan' | 'wan' })}
        allowDeselect={false}
      />
      <TextInput
        label="表号（县级规定的表号；不填则不印表号）"
        value={v.formNumber}
        onChange={(e) => set({ formNumber: e.currentTarget.value })}
      />
      <TextInput
        label="单位负责人（领导签批人）"
        value={v.signers.unitHead}
        onChange={(e) => setSigner('unitHead', e.currentTarget.value)}
      />
      <TextInput
        label="分管审核人"
        value={v.signers.deputy}
        onChange={(e) => setSigner('deputy', e.currentTarget.value)}
      />
      <TextInput
        label="计财部门审核人"
        value={v.signers.finance}
        onChange={(e) => setSigner('finance', e.currentTarget.value)}
      />
      <Text size="xs" c="dimmed">
        填表人为生成报表包的用户（定时生成时为生成发放名册的用户），统计负责人（审核人）为确认当月发放名册的审核人；未填的姓名留空待手签。
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          取消
        </Button>
        <Button onClick={() => void save()} loading={saving}>
          保存
        </Button>
      </Group>
    </Stack>
  );
}
