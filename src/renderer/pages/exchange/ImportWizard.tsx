// The import wizard: choose the ledger (社会救助台账 or one of the registers), choose a file (its bytes go to the core as
// base64), check the column mapping, read every problem and every change to existing records, choose, import. The
// same methods as `civil-ledger import`. For a register, its import template and its export (the same columns) are
// here too.
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  FileButton,
  Group,
  SegmentedControl,
  Stack,
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
  type ImportResult,
} from '../../../shared/api/exchange';
import { choices } from '../../lib/form';
import { call } from '../../api';
import { bindCheck, bindText } from '../../lib/bind';
import { notifyError, notifyOk } from '../../lib/notify';
import { download, toBase64 } from './files';
import { ChangeList, groupLine, previewLine, ProblemList, resultLine, SheetMapping, toggled } from './ImportPreview';
import { RegisterFiles } from './RegisterFiles';

interface Chosen {
  fileName: string;
  data: string;
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
        data={choices(IMPORT_KINDS, IMPORT_KIND_TITLES)}
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

          {preview.sheets.map((s) => (
            <SheetMapping
              key={s.name}
              sheet={s}
              opened={openSheets.has(s.name)}
              onToggle={(on) => setOpenSheets((o) => toggled(o, s.name, on))}
              fields={fieldOptions}
              mapping={mapping}
              onMap={(header, field) => setMapping((m) => ({ ...m, [header]: field }))}
            />
          ))}
          {Object.keys(mapping).length > 0 && file && (
            <Group>
              <Button variant="light" onClick={() => void runPreview(file, mapping)} loading={busy}>
                按新的对应关系重新预览
              </Button>
            </Group>
          )}

          {preview.problemCount > 0 && (
            <ProblemList preview={preview}>
              {preview.errorCount > 0 && (
                <Group>
                  <Button variant="light" onClick={() => void rejected()}>
                    下载未导入的行（含问题说明）
                  </Button>
                  <Checkbox label="只导入正确的行" {...bindCheck(partial, setPartial)} />
                </Group>
              )}
            </ProblemList>
          )}

          {preview.changeCount > 0 && <ChangeList preview={preview} accepted={accepted} onAccept={setAccepted} />}

          {kind === 'cases' && (
            <TextInput
              label="更正原因（仅当导入涉及已定稿上报的月份时必填）"
              {...bindText(correctionReason, setCorrectionReason)}
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
