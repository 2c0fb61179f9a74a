// The import wizard: choose a file (its bytes go to the core as base64), check the column mapping, read every
// problem and every change to existing records, choose, import. The same methods as `civil-ledger import`.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  FileButton,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { ImportPreview, ImportProblemGroup, ImportResult } from '../../../shared/api/exchange';
import { call } from '../../api';
import { notifyError, notifyOk } from '../../lib/notify';
import { download, toBase64 } from './files';

interface Chosen {
  fileName: string;
  data: string;
}

const MAX_SHOWN = 300;

/** “7 户：月保障金为空（「台账」第 3、9、15 行…）”. */
function groupLine(g: ImportProblemGroup): string {
  const bySheet = new Map<string, number[]>();
  for (const r of g.rows) if (r.row !== null) bySheet.set(r.sheet, [...(bySheet.get(r.sheet) ?? []), r.row]);
  const where = [...bySheet].map(
    ([sheet, rows]) => `「${sheet}」第 ${rows.slice(0, 12).join('、')}${rows.length > 12 ? '…' : ''} 行`,
  );
  const at = [...where, ...g.rows.filter((r) => r.row === null).map((r) => `「${r.sheet}」`)].join('；');
  return `${g.count} ${g.unit}：${g.message}${at ? `（${at}${g.count > g.rows.length ? ' 等' : ''}）` : ''}`;
}

export function ImportWizard() {
  const [file, setFile] = useState<Chosen | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [accepted, setAccepted] = useState<Set<string>>(new Set());
  const [openSheets, setOpenSheets] = useState<Set<string>>(new Set());
  const [partial, setPartial] = useState(false);
  // Needed only when the import changes a month whose report was made final (the server says so and names it).
  const [correctionReason, setCorrectionReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);

  const mappingPairs = (m: Record<string, string>) => Object.entries(m).map(([header, field]) => ({ header, field }));

  async function runPreview(chosen: Chosen, m: Record<string, string>, keepResult = false) {
    setBusy(true);
    if (!keepResult) setResult(null);
    try {
      const p = await call('exchange.previewImport', { kind: 'cases', ...chosen, mapping: mappingPairs(m) });
      setPreview(p);
      setAccepted(new Set());
    } catch (e) {
      setPreview(null);
      notifyError(e, '文件无法导入');
    } finally {
      setBusy(false);
    }
  }

  async function choose(f: File | null) {
    if (!f) return;
    const chosen = { fileName: f.name, data: toBase64(await f.arrayBuffer()) };
    setFile(chosen);
    setMapping({});
    await runPreview(chosen, {});
  }

  async function runImport() {
    if (!file || !preview) return;
    setBusy(true);
    try {
      const r = await call('exchange.import', {
        kind: 'cases',
        ...file,
        mapping: mappingPairs(mapping),
        partial,
        accept: [...accepted],
        ...(correctionReason.trim() ? { correctionReason: correctionReason.trim() } : {}),
      });
      setResult(r);
      notifyOk(`已导入：新增 ${r.people} 人、${r.households} 户、${r.cases} 件救助`);
      // What the ledger looks like now: the same file again would add nothing.
      await runPreview(file, mapping, true);
    } catch (e) {
      notifyError(e, '未导入任何数据');
    } finally {
      setBusy(false);
    }
  }

  async function rejected() {
    if (!file) return;
    try {
      const out = await call('exchange.rejectedRows', { kind: 'cases', ...file, mapping: mappingPairs(mapping) });
      download(out.fileName, out.data);
    } catch (e) {
      notifyError(e);
    }
  }

  const fieldOptions = preview
    ? [{ value: '', label: '（忽略此列）' }, ...preview.fields.map((f) => ({ value: f.key, label: f.label }))]
    : [];
  const canImport = preview !== null && preview.rows > 0 && (preview.errorCount === 0 || partial) && !busy;

  return (
    <Stack gap="md">
      <Title order={3}>从 Excel 导入社会救助台账</Title>
      <Text size="sm" c="dimmed">
        支持 .xlsx、旧版 .xls、WPS .et 和 .csv（UTF-8 或 GBK）；网页系统导出的“.xls”网页表格也可直接导入。
        导入前会列出每个问题，确认后才写入。
      </Text>
      <Group>
        <FileButton onChange={(f) => void choose(f)} accept=".xlsx,.xls,.et,.csv,.txt">
          {(props) => (
            <Button {...props} loading={busy}>
              选择文件
            </Button>
          )}
        </FileButton>
        {file && <Text>{file.fileName}</Text>}
      </Group>

      {preview && (
        <>
          {preview.problemGroups.some((g) => g.severity === 'error') && (
            <Alert color="red" title={`需要处理的问题（${preview.rejectedRows} 行未通过）`}>
              <Stack gap={2} aria-label="问题汇总">
                {preview.problemGroups
                  .filter((g) => g.severity === 'error')
                  .map((g) => (
                    <Text key={g.message} size="sm">
                      {groupLine(g)}
                    </Text>
                  ))}
              </Stack>
            </Alert>
          )}
          <Alert color={preview.errorCount > 0 ? 'orange' : 'green'} title="预览">
            共 {preview.rows} 行：可导入 {preview.validRows} 行，拒绝 {preview.rejectedRows} 行；{preview.households}{' '}
            户、{preview.persons} 人，新增 {preview.newPeople} 人、{preview.newHouseholds} 户、{preview.newCases}{' '}
            件救助；已存在且无变化 {preview.unchangedCases} 件{preview.encoding ? `（编码 ${preview.encoding}）` : ''}
          </Alert>

          {preview.sheets.map((s) => {
            const allRecognised = s.columns.every((c) => c.field || !c.header) && s.columns.every((c) => !c.note);
            const open = allRecognised ? openSheets.has(s.name) : true;
            return (
              <Stack key={s.name} gap={4}>
                <Group gap="xs">
                  <Text fw={600}>
                    工作表「{s.name}」：表头在第 {s.headerRows.join('、')} 行，数据 {s.dataRows} 行
                    {allRecognised ? `，${s.columns.filter((c) => c.field).length} 列全部识别` : ''}
                  </Text>
                  {allRecognised && (
                    <Button
                      variant="subtle"
                      size="compact-xs"
                      onClick={() =>
                        setOpenSheets((o) => {
                          const n = new Set(o);
                          if (n.has(s.name)) n.delete(s.name);
                          else n.add(s.name);
                          return n;
                        })
                      }
                    >
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
                  <Table withTableBorder striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>列</Table.Th>
                        <Table.Th>表头</Table.Th>
                        <Table.Th>对应字段</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {s.columns.map((c) => (
                        <Table.Tr key={c.column}>
                          <Table.Td>{c.column}</Table.Td>
                          <Table.Td>{c.header}</Table.Td>
                          <Table.Td>
                            <Select
                              aria-label={`列 ${c.column} 对应字段`}
                              data={fieldOptions}
                              value={mapping[c.header] ?? c.field ?? ''}
                              onChange={(v) => setMapping((m) => ({ ...m, [c.header]: v ?? '' }))}
                              allowDeselect={false}
                              size="xs"
                            />
                            {c.note && !c.field && (
                              <Text size="xs" c="dimmed">
                                {c.note}
                              </Text>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </Stack>
            );
          })}
          {Object.keys(mapping).length > 0 && file && (
            <Group>
              <Button variant="light" onClick={() => void runPreview(file, mapping)} loading={busy}>
                按新的对应关系重新预览
              </Button>
            </Group>
          )}

          {preview.problemCount > 0 && (
            <Stack gap={4}>
              <Text fw={600}>
                问题（{preview.errorCount} 个错误，{preview.problemCount - preview.errorCount} 个提示）
              </Text>
              <Table withTableBorder striped aria-label="问题">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th />
                    <Table.Th>工作表</Table.Th>
                    <Table.Th>行</Table.Th>
                    <Table.Th>列</Table.Th>
                    <Table.Th>看到的值</Table.Th>
                    <Table.Th>说明</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.problems.slice(0, MAX_SHOWN).map((p, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>
                        <Badge color={p.severity === 'error' ? 'red' : 'gray'}>
                          {p.severity === 'error' ? '错误' : '提示'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{p.sheet}</Table.Td>
                      <Table.Td>{p.row ?? ''}</Table.Td>
                      <Table.Td>{p.column ?? ''}</Table.Td>
                      <Table.Td>{p.value ?? ''}</Table.Td>
                      <Table.Td>{p.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {preview.problemCount > MAX_SHOWN && (
                <Text size="sm">……另有 {preview.problemCount - MAX_SHOWN} 个问题，请下载未导入的行查看</Text>
              )}
              {preview.errorCount > 0 && (
                <Group>
                  <Button variant="light" onClick={() => void rejected()}>
                    下载未导入的行（含问题说明）
                  </Button>
                  <Checkbox
                    label="只导入正确的行"
                    checked={partial}
                    onChange={(e) => setPartial(e.currentTarget.checked)}
                  />
                </Group>
              )}
            </Stack>
          )}

          {preview.changeCount > 0 && (
            <Stack gap={4}>
              <Group justify="space-between">
                <Text fw={600}>台账中已有记录的修改（{preview.changeCount} 处，勾选的才会应用）</Text>
                <Checkbox
                  label="全部应用"
                  checked={accepted.size === preview.changes.length}
                  onChange={(e) =>
                    setAccepted(e.currentTarget.checked ? new Set(preview.changes.map((c) => c.key)) : new Set())
                  }
                />
              </Group>
              <Table withTableBorder striped aria-label="修改">
                <Table.Tbody>
                  {preview.changes.slice(0, MAX_SHOWN).map((c) => (
                    <Table.Tr key={c.key}>
                      <Table.Td>
                        <Checkbox
                          aria-label={`应用 ${c.subject} ${c.field}`}
                          checked={accepted.has(c.key)}
                          onChange={(e) => {
                            const on = e.currentTarget.checked;
                            setAccepted((s) => {
                              const next = new Set(s);
                              if (on) next.add(c.key);
                              else next.delete(c.key);
                              return next;
                            });
                          }}
                        />
                      </Table.Td>
                      <Table.Td>
                        「{c.sheet}」第 {c.row} 行
                      </Table.Td>
                      <Table.Td>{c.subject}</Table.Td>
                      <Table.Td>{c.field}</Table.Td>
                      <Table.Td>
                        {c.before} → {c.after}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          )}

          <TextInput
            label="更正原因（仅当导入涉及已定稿上报的月份时必填）"
            value={correctionReason}
            onChange={(e) => setCorrectionReason(e.currentTarget.value)}
            maxLength={500}
          />
          <Group>
            <Button onClick={() => void runImport()} disabled={!canImport} loading={busy}>
              导入
            </Button>
            {preview.errorCount > 0 && !partial && (
              <Text size="sm">有被拒绝的行：修正后重新选择文件，或勾选“只导入正确的行”</Text>
            )}
          </Group>
          {result && (
            <Alert color="green" title="导入完成">
              已导入：新增 {result.people} 人、{result.households} 户、{result.cases} 件救助；应用修改{' '}
              {result.changesApplied} 处{result.rejectedRows > 0 ? `；未导入 ${result.rejectedRows} 行` : ''}
              {result.batch && (
                <Text size="sm" mt="xs">
                  导入批次 {result.batch.no} 待审核人确认：导入人以外的审核人在
                  <Anchor href="#/exchange/batches">“导入待确认”</Anchor>
                  页面确认后，这些救助才计入发放花名册和月报
                  {result.changesPending > 0 ? `（对已有救助的 ${result.changesPending} 处修改确认后生效）` : ''}。
                </Text>
              )}
            </Alert>
          )}
        </>
      )}
    </Stack>
  );
}
