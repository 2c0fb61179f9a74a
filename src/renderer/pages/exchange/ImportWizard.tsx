// The import wizard: choose the ledger (社会救助台账 or one of the registers), choose a file (its bytes go to the core as
// base64), check the column mapping, read every problem and every change to existing records, choose, import. The
// same methods as `civil-ledger import`. For a register, its import template and its export (the same columns) are
// here too.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  FileButton,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import {
  IMPORT_KIND_TITLES,
  IMPORT_KINDS,
  type ImportKind,
  type ImportPreview,
  type ImportProblemGroup,
  type ImportResult,
} from '../../../shared/api/exchange';
import { call } from '../../api';
import { notifyError, notifyOk } from '../../lib/notify';
import { canReview, useSession } from '../../lib/session';
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

/** The preview's summary line, in the kind's own terms (households and cases, or records of the register). */
function previewLine(p: ImportPreview): string {
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

function resultLine(kind: ImportKind, r: ImportResult, unit: string): string {
  const tail = `；应用修改 ${r.changesApplied} 处${r.rejectedRows > 0 ? `；未导入 ${r.rejectedRows} 行` : ''}`;
  return kind === 'cases'
    ? `已导入：新增 ${r.people} 人、${r.households} 户、${r.cases} 件救助${tail}`
    : `已导入${IMPORT_KIND_TITLES[kind]}：新增 ${r.records ?? 0} ${unit}${tail}`;
}

/** A register's empty import template and its export with the same columns (full ID numbers: reviewers, with a purpose). */
function RegisterFiles({ kind }: { kind: Exclude<ImportKind, 'cases'> }) {
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
        {personal && canReview(user) && (
          <Checkbox label="含完整身份证号码" checked={full} onChange={(e) => setFull(e.currentTarget.checked)} />
        )}
      </Group>
      {full && personal && (
        <TextInput
          label="导出完整身份证号码的用途（记入操作日志，并写在文件上）"
          required
          maw={480}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      )}
      <Text size="sm" c="dimmed">
        导出的文件与导入模板的列相同，修改后可重新导入
        {personal ? '；身份证号码默认遮挡，遮挡的号码不能重新导入（需重新导入时请导出完整号码）' : ''}。
      </Text>
    </Stack>
  );
}

export function ImportWizard() {
  const [kind, setKind] = useState<ImportKind>('cases');
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
      const p = await call('exchange.previewImport', { kind, ...chosen, mapping: mappingPairs(m) });
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
        kind,
        ...file,
        mapping: mappingPairs(mapping),
        partial,
        accept: [...accepted],
        ...(correctionReason.trim() ? { correctionReason: correctionReason.trim() } : {}),
      });
      setResult(r);
      notifyOk(`${IMPORT_KIND_TITLES[kind]}导入完成`);
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
      const out = await call('exchange.rejectedRows', { kind, ...file, mapping: mappingPairs(mapping) });
      download(out.fileName, out.data);
    } catch (e) {
      notifyError(e);
    }
  }

  const fieldOptions = preview
    ? [{ value: '', label: '（忽略此列）' }, ...preview.fields.map((f) => ({ value: f.key, label: f.label }))]
    : [];
  const canImport = preview !== null && preview.rows > 0 && (preview.errorCount === 0 || partial) && !busy;

  function chooseKind(k: ImportKind) {
    // Another ledger: the file, its preview and the choices made for it no longer apply.
    setKind(k);
    setFile(null);
    setPreview(null);
    setResult(null);
    setMapping({});
    setAccepted(new Set());
    setPartial(false);
  }

  return (
    <Stack gap="md">
      <SegmentedControl
        aria-label="台账类型"
        value={kind}
        onChange={(v) => chooseKind(v as ImportKind)}
        data={IMPORT_KINDS.map((k) => ({ value: k, label: IMPORT_KIND_TITLES[k] }))}
      />
      <Title order={3}>从 Excel 导入{IMPORT_KIND_TITLES[kind]}</Title>
      {kind !== 'cases' && <RegisterFiles kind={kind} />}
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
            {previewLine(preview)}
            {preview.encoding ? `（编码 ${preview.encoding}）` : ''}
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

          {kind === 'cases' && (
            <TextInput
              label="更正原因（仅当导入涉及已定稿上报的月份时必填）"
              value={correctionReason}
              onChange={(e) => setCorrectionReason(e.currentTarget.value)}
              maxLength={500}
            />
          )}
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
              {resultLine(kind, result, preview.recordUnit ?? '')}
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
