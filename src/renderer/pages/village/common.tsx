// Pieces the 村级副本 pages share: how a value of a record reads, saving a file's text, reading a chosen file.
import { Button, FileButton } from '@mantine/core';
import { useState } from 'react';
import { formatYuan } from '../../../shared/money';
import { VILLAGE_FIELD_LABELS } from '../../../shared/api/village';
import { notifyError } from '../../lib/notify';
import { bytesToBase64, downloadBase64 } from '../../lib/download';
import { clockText } from '../../../shared/time';
import { label } from '../../../shared/labels';

/** A column's value as a clerk reads it (amounts in 元, areas in words, empty as “（空）”). */
export function valueText(column: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (column.endsWith('_fen') && typeof value === 'number') return `${formatYuan(value)} 元`;
  if (column === 'hukou_type' && typeof value === 'string') return label('area', value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export const fieldLabel = (column: string): string => VILLAGE_FIELD_LABELS[column] ?? column;

/** An ISO time as the ledger's clock reads it ('2025-03-03 10:00', China time). */
export function timeText(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : clockText(d);
}

/** Saves a file's text (UTF-8) for the clerk to carry. */
export function saveText(fileName: string, text: string): void {
  downloadBase64(fileName, 'application/json', bytesToBase64(new TextEncoder().encode(text).buffer as ArrayBuffer));
}

/** A button that reads a chosen file's text and hands it on. */
export function FileTextButton(props: { label: string; onText: (text: string, name: string) => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  async function choose(f: File | null) {
    if (!f) return;
    setBusy(true);
    try {
      await props.onText(await f.text(), f.name);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <FileButton onChange={(f) => void choose(f)} accept=".json,application/json">
      {(p) => (
        <Button {...p} loading={busy} variant="light">
          {props.label}
        </Button>
      )}
    </FileButton>
  );
}
