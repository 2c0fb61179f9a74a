// Shared bits of the life-event pages: labels, money, a reviewer's decision, and a person picker fed by the people
// search.
import { Select } from '@mantine/core';
import { useState } from 'react';
import type { CaseRow, PersonView } from '../../../shared/api/cases';
import { SelectField } from '../../lib/form';
import { useCall } from '../../lib/useCall';

export { yuan } from '../../lib/format';

export const CATEGORY_TEXT: Record<string, string> = {
  dibao: '低保',
  tekun: '特困',
  bianyuan: '低保边缘',
  linshi: '临时救助',
  gangxing: '刚性支出',
  canji_living: '残疾人生活补贴',
  canji_care: '重度残疾人护理补贴',
  guer: '孤儿',
  wurenfuyang: '事实无人抚养儿童',
};

interface Picked {
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string | undefined;
}

/** A required choice among what the core found for the typed text (the core searches; the Select shows it all). */
function FoundSelect(
  props: Picked & {
    label: string;
    placeholder: string;
    q: string;
    onSearch: (q: string) => void;
    data: { value: string; label: string }[];
    nothingFound?: string | undefined;
  },
) {
  return (
    <Select
      label={props.label}
      placeholder={props.placeholder}
      searchable
      searchValue={props.q}
      onSearchChange={props.onSearch}
      data={props.data}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      nothingFoundMessage={props.nothingFound}
      filter={({ options }) => options}
      required
    />
  );
}

/** Picks a person by name, ID number (or its last digits) or pinyin initials. */
export function PersonPicker(props: Picked & { label: string }) {
  const [q, setQ] = useState('');
  const found = useCall('people.search', { q: q.trim() || '—', offset: 0, limit: 20 }, { skip: q.trim().length < 1 });
  const data = (found.data?.rows ?? []).map((p: PersonView & { villageName: string | null }) => ({
    value: p.id,
    label: `${p.name}（${p.idNumberMasked ?? '无身份证号'}${p.villageName ? `，${p.villageName}` : ''}）`,
  }));
  return (
    <FoundSelect
      {...props}
      placeholder="输入姓名、身份证号后几位或拼音首字母"
      q={q}
      onSearch={setQ}
      data={data}
      nothingFound={q ? '没有找到' : undefined}
    />
  );
}

/** Picks a case in payment by its holder's name or number. */
export function CasePicker(props: Picked) {
  const [q, setQ] = useState('');
  const found = useCall(
    'cases.list',
    { q: q.trim(), status: 'active', offset: 0, limit: 20 },
    { skip: q.trim().length < 1 },
  );
  const data = (found.data?.rows ?? []).map((c: CaseRow) => ({
    value: c.id,
    label: `${c.name ?? ''} · ${CATEGORY_TEXT[c.category] ?? c.category}${c.caseNo ? ` · ${c.caseNo}` : ''}`,
  }));
  return (
    <FoundSelect
      {...props}
      label="救助案件（在发放中）"
      placeholder="输入户主或保障对象姓名"
      q={q}
      onSearch={setQ}
      data={data}
    />
  );
}

/**
 * A reviewer's decision at `decision`: go ahead, or refuse — a refusal needs a reason (the core refuses one without),
 * which its choice says.
 */
export function DecisionField(props: {
  label: string;
  yes: [value: string, text: string];
  no: [value: string, text: string];
}) {
  const [yes, no] = [props.yes, props.no];
  const data = [
    { value: yes[0], label: yes[1] },
    { value: no[0], label: `${no[1]}（须写原因）` },
  ];
  return <SelectField path="decision" label={props.label} data={data} required />;
}
