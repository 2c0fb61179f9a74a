// The dialogs of an organization's page: 登记事项 (changes, penalties, 撤销/注销), 年检, 评估等级, 换届.
import { Alert, SimpleGrid, Text } from '@mantine/core';
import {
  EVENT_KINDS_BY_REGISTRY,
  type InspectionView,
  type OrgEventKind,
  type OrgView,
  type RatingView,
  type TermView,
} from '../../../shared/api/orgs';
import { label, labelOptions } from '../../../shared/labels';
import {
  CallDialog,
  DateField,
  dropBlank,
  NativeSelectField,
  NumberField,
  TextAreaField,
  TextField,
  textsOf,
  type Values,
  choices,
} from '../../lib/form';
import { saved } from './OrgForms';

interface DialogProps {
  opened: boolean;
  onClose: () => void;
  /** After a save: the page reloads what the dialog changed. */
  onSaved: (out: unknown) => void;
}

const CHANGE_TARGET: Partial<Record<OrgEventKind, (o: OrgView) => string | null>> = {
  name_change: (o) => o.name,
  legal_rep_change: (o) => o.legalRep,
  domicile_change: (o) => o.domicile,
  leader_change: (o) => o.leader,
  venue_change: (o) => o.venue,
};

/** Optional text left empty is sent as "none" (null). */
const orNull = (v: Values, keys: readonly string[]): Values => {
  const out = { ...v };
  for (const k of keys) if (out[k] === '' || out[k] === undefined) out[k] = null;
  return out;
};

export function EventDialog(props: DialogProps & { org: OrgView }) {
  const { org } = props;
  const kinds = EVENT_KINDS_BY_REGISTRY[org.registry];
  return (
    <CallDialog
      method="orgs.event"
      {...saved(props)}
      title={`登记事项：${org.name}`}
      initial={{ kind: kinds[0] ?? 'name_change' }}
      prepare={(v) => {
        const current = CHANGE_TARGET[v.kind as OrgEventKind];
        return {
          ...orNull(v, ['detail', 'docNo']),
          id: org.id,
          version: org.version,
          newValue: current ? (v.newValue ?? '') : null,
        };
      }}
    >
      {(f) => {
        const kind = (f.get('kind') ?? kinds[0]) as OrgEventKind;
        const current = CHANGE_TARGET[kind];
        const ends = kind === 'deregistration' || kind === 'revocation';
        return (
          <>
            <NativeSelectField path="kind" label="事项" data={choices(kinds, 'orgEventKind')} required />
            <DateField path="occurredOn" label="发生日期" required />
            {current && (
              <>
                <Text size="sm">现为：{current(org) ?? '—'}</Text>
                <TextField path="newValue" label="变更后内容" required />
              </>
            )}
            <TextAreaField
              path="detail"
              label={kind === 'penalty' ? '处罚内容' : ends ? '事由' : '说明'}
              required={!current}
            />
            <TextField path="docNo" label="文号" />
            {ends && (
              <Alert color="orange">
                {label('orgEventKind', kind)}后该组织不再出现在在册名单和待办中，记录保留，不可再办理其他事项。
              </Alert>
            )}
          </>
        );
      }}
    </CallDialog>
  );
}

const needsRectification = (result: unknown) => result === 'basic' || result === 'fail';

export function InspectionDialog(
  props: DialogProps & {
    org: { id: string; name: string; supervisor: string | null };
    year: number;
    existing: InspectionView | null;
  },
) {
  const e = props.existing;
  return (
    <CallDialog
      method="orgs.inspections.save"
      {...saved(props)}
      title={`年检：${props.org.name}`}
      initial={{
        year: props.year,
        ...textsOf(e, ['supervisorSubmittedOn', 'authoritySubmittedOn', 'result', 'resultOn', 'note']),
        ...textsOf(e, ['rectification', 'rectifiedOn']),
      }}
      prepare={(v) => ({
        ...v,
        orgId: props.org.id,
        ...(e ? { version: e.version } : {}),
        result: v.result || null,
        rectification: needsRectification(v.result) ? v.rectification : '',
        rectifiedOn: needsRectification(v.result) ? v.rectifiedOn : '',
      })}
    >
      {(f) => (
        <>
          <SimpleGrid cols={2}>
            <NumberField path="year" label="年检年度" required />
            <div />
            {props.org.supervisor ? (
              <DateField path="supervisorSubmittedOn" label={`报业务主管单位日期（${props.org.supervisor}）`} />
            ) : (
              <Text size="sm" c="dimmed">
                直接登记，无业务主管单位
              </Text>
            )}
            <DateField path="authoritySubmittedOn" label="报登记管理机关日期" />
            <NativeSelectField
              path="result"
              label="年检结论"
              data={labelOptions('inspectionResult')}
              placeholder="尚无结论"
            />
            <DateField path="resultOn" label="结论日期" />
          </SimpleGrid>
          {needsRectification(f.get('result')) && (
            <SimpleGrid cols={2}>
              <TextAreaField path="rectification" label="整改要求" />
              <DateField path="rectifiedOn" label="整改完成日期" />
            </SimpleGrid>
          )}
          <TextAreaField path="note" label="备注" />
        </>
      )}
    </CallDialog>
  );
}

export function RatingDialog(props: DialogProps & { org: OrgView }) {
  return (
    <CallDialog
      method="orgs.ratings.add"
      {...saved(props)}
      title={`录入评估等级：${props.org.name}`}
      initial={{ grade: '3' }}
      prepare={(v) => ({
        ...orNull(v, ['appliedOn', 'certificateNo', 'note', 'overrideReason']),
        orgId: props.org.id,
        grade: Number(v.grade),
      })}
    >
      <SimpleGrid cols={2}>
        <NativeSelectField
          path="grade"
          label="评估等级"
          data={[5, 4, 3, 2, 1].map((g) => ({ value: String(g), label: `${g}A` }))}
          required
        />
        <TextField path="certificateNo" label="证书/文件编号" />
        <DateField path="appliedOn" label="申报日期" />
        <DateField path="ratedOn" label="评定日期" required />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        有效期 5
        年，自评定日期起算。系统按申报日期（未填则按评定日期）核对申报条件；不符合条件但确已评定的，请填写原因。
      </Text>
      <TextAreaField path="overrideReason" label="不符合申报条件仍录入的原因" />
      <TextAreaField path="note" label="备注" />
    </CallDialog>
  );
}

export function RatingEndDialog(props: DialogProps & { rating: RatingView }) {
  const r = props.rating;
  return (
    <CallDialog
      method="orgs.ratings.end"
      {...saved(props)}
      title={`处理 ${r.grade}A 评估等级`}
      initial={{ kind: 'downgraded', newGrade: '' }}
      prepare={(v, errors) => {
        const { newGrade, ...rest } = v;
        if (v.kind !== 'downgraded') return { ...rest, id: r.id, version: r.version };
        if (!newGrade) errors.newGrade = '请选择降低后的等级';
        return { ...rest, id: r.id, version: r.version, newGrade: Number(newGrade) };
      }}
    >
      {(f) => (
        <>
          <NativeSelectField
            path="kind"
            label="处理方式"
            data={(['downgraded', 'cancelled', 'voided'] as const).map((k) => ({
              value: k,
              label: label('ratingEnd', k),
            }))}
            required
          />
          {f.get('kind') === 'downgraded' && (
            <NativeSelectField
              path="newGrade"
              label="降低后的等级"
              placeholder="请选择"
              data={[4, 3, 2, 1].filter((g) => g < r.grade).map((g) => ({ value: String(g), label: `${g}A` }))}
              required
            />
          )}
          <DateField path="endedOn" label="处理日期" required />
          <TextAreaField path="reason" label="原因" required />
        </>
      )}
    </CallDialog>
  );
}

export function TermStartDialog(props: DialogProps & { org: OrgView }) {
  return (
    <CallDialog
      method="orgs.terms.start"
      {...saved(props)}
      title={`录入本届任期：${props.org.name}`}
      initial={{ termNo: 1, termYears: props.org.termYears ?? undefined }}
      prepare={(v) => ({ ...dropBlank(orNull(v, ['note']), ['termYears']), orgId: props.org.id })}
    >
      <SimpleGrid cols={3}>
        <NumberField path="termNo" label="届次" required />
        <DateField path="startedOn" label="本届开始日期" required />
        <NumberField path="termYears" label="每届年限" required />
      </SimpleGrid>
      <TextAreaField path="note" label="备注" />
    </CallDialog>
  );
}

export function TermCompleteDialog(props: DialogProps & { term: TermView }) {
  return (
    <CallDialog
      method="orgs.terms.complete"
      {...saved(props)}
      title={`第 ${props.term.termNo} 届换届完成`}
      initial={{}}
      prepare={(v) => ({ ...orNull(v, ['note']), id: props.term.id, version: props.term.version })}
    >
      <DateField path="doneOn" label="换届日期" required />
      <Text size="sm" c="dimmed">
        保存后自动开始第 {props.term.termNo + 1} 届，任期按章程规定的年限计算。
      </Text>
      <TextAreaField path="note" label="备注" />
    </CallDialog>
  );
}

export function TermPostponeDialog(props: DialogProps & { term: TermView }) {
  return (
    <CallDialog
      method="orgs.terms.postpone"
      {...saved(props)}
      title={`第 ${props.term.termNo} 届延期换届`}
      initial={{}}
      prepare={(v) => ({ ...v, id: props.term.id, version: props.term.version })}
    >
      <Text size="sm">原定换届日期：{props.term.postponedTo ?? props.term.dueOn}</Text>
      <DateField path="postponedTo" label="延期至" required />
      <TextAreaField path="reason" label="延期事由" required />
    </CallDialog>
  );
}
