// What the import wizard shows of a preview: the summary lines, each sheet's column mapping, the problems and the
// changes to records already in the ledger (the clerk ticks those to apply).
import { Badge, Button, Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import {
  IMPORT_KIND_TITLES,
  type ImportKind,
  type ImportPreview,
  type ImportProblemGroup,
  type ImportResult,
} from '../../../shared/api/exchange';
import { DataTable } from '../../components/DataTable';

const MAX_SHOWN = 300;

/** “7 户：月保障金为空（「台账」第 3、9、15 行…）”. */
export function groupLine(g: ImportProblemGroup): string {
  const bySheet = new Map<string, number[]>();
  for (const r of g.rows) if (r.row !== null) bySheet.set(r.sheet, [...(bySheet.get(r.sheet) ?? []), r.row]);
  const where = [...bySheet].map(
    ([sheet, rows]) => `「${sheet}」第 ${rows.slice(0, 12).join('、')}${rows.length > 12 ? '…' : ''} 行`,
  );
  const at = [...where, ...g.rows.filter((r) => r.row === null).map((r) => `「${r.sheet}」`)].join('；');
  return `${g.count} ${g.unit}：${g.message}${at ? `（${at}${g.count > g.rows.length ? ' 等' : ''}）` : ''}`;
}

/** The preview's summary line, in the kind's own terms (households and cases, or records of the register). */
export function previewLine(p: ImportPreview): string {
  const head = `共 ${p.rows} 行：可导入 ${p.validRows} 行，拒绝 ${p.rejectedRows} 行；`;
  if (p.kind !== undefined && p.kind !== 'cases') {
    const unit = p.recordUnit ?? '条';
    return `${head}新增 ${p.newRecords ?? 0} ${unit}，已在台账中且无变化 ${p.unchangedRecords ?? 0} ${unit}，有修改 ${p.changeCount} ${unit}`;
  }
  return (
    `${head}${p.households} 户、${p.persons} 人，新增 ${p.newPeople} 人、${p.newHouseholds} 户、${p.newCases} 件救助；` +
    `已存在且无变化 ${p.unchangedCases} 件`
  );
}

export function resultLine(kind: ImportKind, r: ImportResult, unit: string): string {
  const tail = `；应用修改 ${r.changesApplied} 处${r.rejectedRows > 0 ? `；未导入 ${r.rejectedRows} 行` : ''}`;
  return kind === 'cases'
    ? `已导入：新增 ${r.people} 人、${r.households} 户、${r.cases} 件救助${tail}`
    : `已导入${IMPORT_KIND_TITLES[kind]}：新增 ${r.records ?? 0} ${unit}${tail}`;
}

/** A set with `key` in it or not. */
export function toggled(s: ReadonlySet<string>, key: string, on: boolean): Set<string> {
  const next = new Set(s);
  if (on) next.add(key);
  else next.delete(key);
  return next;
}

type Sheet = ImportPreview['sheets'][number];

/** A sheet's header rows and data rows; its column mapping, folded away when every column was recognised. */
export function SheetMapping(props: {
  sheet: Sheet;
  opened: boolean;
  onToggle: (open: boolean) => void;
  fields: { value: string; label: string }[];
  mapping: Record<string, string>;
  onMap: (header: string, field: string) => void;
}) {
  const s = props.sheet;
  const allRecognised = s.columns.every((c) => c.field || !c.header) && s.columns.every((c) => !c.note);
  const open = allRecognised ? props.opened : true;
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text fw={600}>
          工作表「{s.name}」：表头在第 {s.headerRows.join('、')} 行，数据 {s.dataRows} 行
          {allRecognised ? `，${s.columns.filter((c) => c.field).length} 列全部识别` : ''}
        </Text>
        {allRecognised && (
          <Button variant="subtle" size="compact-xs" onClick={() => props.onToggle(!open)}>
            {open ? '收起列对应' : '查看列对应'}
          </Button>
        )}
      </Group>
      {s.households && (
        <Text size="sm" c="dimmed">
          分户方式：{s.households}
        </Text>
      )}
      {open && (
        <DataTable
          withTableBorder
          striped
          head={['列', '表头', '对应字段']}
          rows={s.columns}
          rowKey={(c) => c.column}
          cells={(c) => [
            c.column,
            c.header,
            <>
              <Select
                aria-label={`列 ${c.column} 对应字段`}
                data={props.fields}
                value={props.mapping[c.header] ?? c.field ?? ''}
                onChange={(v) => props.onMap(c.header, v ?? '')}
                allowDeselect={false}
                size="xs"
              />
              {c.note && !c.field && (
                <Text size="xs" c="dimmed">
                  {c.note}
                </Text>
              )}
            </>,
          ]}
        />
      )}
    </Stack>
  );
}

/** The problems found (the first MAX_SHOWN), and what the clerk can do about rejected rows. */
export function ProblemList(props: { preview: ImportPreview; children?: ReactNode }) {
  const p = props.preview;
  return (
    <Stack gap={4}>
      <Text fw={600}>
        问题（{p.errorCount} 个错误，{p.problemCount - p.errorCount} 个提示）
      </Text>
      <DataTable
        withTableBorder
        striped
        aria-label="问题"
        head={['', '工作表', '行', '列', '看到的值', '说明']}
        rows={p.problems.slice(0, MAX_SHOWN)}
        rowKey={(_, i) => i}
        cells={(x) => [
          <Badge color={x.severity === 'error' ? 'red' : 'gray'}>{x.severity === 'error' ? '错误' : '提示'}</Badge>,
          x.sheet,
          x.row ?? '',
          x.column ?? '',
          x.value ?? '',
          x.message,
        ]}
      />
      {p.problemCount > MAX_SHOWN && (
        <Text size="sm">……另有 {p.problemCount - MAX_SHOWN} 个问题，请下载未导入的行查看</Text>
      )}
      {props.children}
    </Stack>
  );
}

/** Changes to records already in the ledger: only the ticked ones are applied. */
export function ChangeList(props: {
  preview: ImportPreview;
  accepted: ReadonlySet<string>;
  onAccept: (keys: Set<string>) => void;
}) {
  const { preview, accepted } = props;
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text fw={600}>台账中已有记录的修改（{preview.changeCount} 处，勾选的才会应用）</Text>
        <Checkbox
          label="全部应用"
          checked={accepted.size === preview.changes.length}
          onChange={(e) =>
            props.onAccept(e.currentTarget.checked ? new Set(preview.changes.map((c) => c.key)) : new Set())
          }
        />
      </Group>
      <DataTable
        withTableBorder
        striped
        aria-label="修改"
        rows={preview.changes.slice(0, MAX_SHOWN)}
        rowKey={(c) => c.key}
        cells={(c) => [
          <Checkbox
            aria-label={`应用 ${c.subject} ${c.field}`}
            checked={accepted.has(c.key)}
            onChange={(e) => props.onAccept(toggled(accepted, c.key, e.currentTarget.checked))}
          />,
          `「${c.sheet}」第 ${c.row} 行`,
          c.subject,
          c.field,
          `${c.before} → ${c.after}`,
        ]}
      />
    </Stack>
  );
}
