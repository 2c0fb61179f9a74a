// The dialogs of an organization's page: 登记事项 (changes, penalties, 撤销/注销), 年检, 评估等级, 换届.
import { Alert, SimpleGrid, Text } from '@mantine/core';
import {
  EVENT_KINDS_BY_REGISTRY,
  orgLabel,
  orgLabelOptions,
  type InspectionView,
  type OrgEventKind,
  type OrgView,
  type RatingView,
  type TermView,
} from '../../../shared/api/orgs';
import { call } from '../../api';
import { Area, Choice, DateIn, FormModal, optional, Text_, toCount, useFields } from './fields';

interface DialogProps {
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
}

const CHANGE_TARGET: Partial<Record<OrgEventKind, (o: OrgView) => string | null>> = {
  name_change: (o) => o.name,
  legal_rep_change: (o) => o.legalRep,
  domicile_change: (o) => o.domicile,
  leader_change: (o) => o.leader,
  venue_change: (o) => o.venue,
};

export function EventDialog(props: DialogProps & { org: OrgView }) {
  const { org } = props;
  const kinds = EVENT_KINDS_BY_REGISTRY[org.registry];
  const f = useFields({ kind: kinds[0] ?? 'name_change' });
  const kind = (f.values.kind ?? kinds[0]) as OrgEventKind;
  const current = CHANGE_TARGET[kind];
  const ends = kind === 'deregistration' || kind === 'revocation';
  return (
    <FormModal
      title={`登记事项：${org.name}`}
      opened={props.opened}
      onClose={props.onClose}
      f={f}
      onSaved={props.onSaved}
      submit={() =>
        call('orgs.event', {
          id: org.id,
          version: org.version,
          kind,
          occurredOn: f.values.occurredOn ?? '',
          newValue: current ? (f.values.newValue ?? '') : null,
          detail: optional(f.values.detail) ?? null,
          docNo: optional(f.values.docNo) ?? null,
        })
      }
    >
      <Choice
        f={f}
        name="kind"
        label="事项"
        data={kinds.map((k) => ({ value: k, label: orgLabel('eventKind', k) }))}
        required
      />
      <DateIn f={f} name="occurredOn" label="发生日期" required />
      {current && (
        <>
          <Text size="sm">现为：{current(org) ?? '—'}</Text>
          <Text_ f={f} name="newValue" label="变更后内容" required />
        </>
      )}
      <Area f={f} name="detail" label={kind === 'penalty' ? '处罚内容' : ends ? '事由' : '说明'} required={!current} />
      <Text_ f={f} name="docNo" label="文号" />
      {ends && (
        <Alert color="orange">
          {orgLabel('eventKind', kind)}后该组织不再出现在在册名单和待办中，记录保留，不可再办理其他事项。
        </Alert>
      )}
    </FormModal>
  );
}

export function InspectionDialog(
  props: DialogProps & {
    org: { id: string; name: string; supervisor: string | null };
    year: number;
    existing: InspectionView | null;
  },
) {
  const e = props.existing;
  const f = useFields({
    year: String(props.year),
    supervisorSubmittedOn: e?.supervisorSubmittedOn ?? '',
    authoritySubmittedOn: e?.authoritySubmittedOn ?? '',
    result: e?.result ?? '',
    resultOn: e?.resultOn ?? '',
    rectification: e?.rectification ?? '',
    rectifiedOn: e?.rectifiedOn ?? '',
    note: e?.note ?? '',
  });
  const v = f.values;
  const needsRectification = v.result === 'basic' || v.result === 'fail';
  return (
    <FormModal
      title={`年检：${props.org.name}`}
      opened={props.opened}
      onClose={props.onClose}
      f={f}
      onSaved={props.onSaved}
      submit={() =>
        call('orgs.inspections.save', {
          orgId: props.org.id,
          year: toCount(v.year),
          ...(e ? { version: e.version } : {}),
          supervisorSubmittedOn: v.supervisorSubmittedOn ?? '',
          authoritySubmittedOn: v.authoritySubmittedOn ?? '',
          result: (v.result || null) as 'pass' | null,
          resultOn: v.resultOn ?? '',
          rectification: needsRectification ? (v.rectification ?? '') : '',
          rectifiedOn: needsRectification ? (v.rectifiedOn ?? '') : '',
          note: v.note ?? '',
        })
      }
    >
      <SimpleGrid cols={2}>
        <Text_ f={f} name="year" label="年检年度" required />
        <div />
        {props.org.supervisor ? (
          <DateIn f={f} name="supervisorSubmittedOn" label={`报业务主管单位日期（${props.org.supervisor}）`} />
        ) : (
          <Text size="sm" c="dimmed">
            直接登记，无业务主管单位
          </Text>
        )}
        <DateIn f={f} name="authoritySubmittedOn" label="报登记管理机关日期" />
        <Choice
          f={f}
          name="result"
          label="年检结论"
          data={orgLabelOptions('inspectionResult')}
          placeholder="尚无结论"
        />
        <DateIn f={f} name="resultOn" label="结论日期" />
      </SimpleGrid>
      {needsRectification && (
        <SimpleGrid cols={2}>
          <Area f={f} name="rectification" label="整改要求" />
          <DateIn f={f} name="rectifiedOn" label="整改完成日期" />
        </SimpleGrid>
      )}
      <Area f={f} name="note" label="备注" />
    </FormModal>
  );
}

export function RatingDialog(props: DialogProps & { org: OrgView }) {
  const f = useFields({ grade: '3' });
  return (
    <FormModal
      title={`录入评估等级：${props.org.name}`}
      opened={props.opened}
      onClose={props.onClose}
      f={f}
      onSaved={props.onSaved}
      submit={() =>
        call('orgs.ratings.add', {
          orgId: props.org.id,
          grade: toCount(f.values.grade),
          appliedOn: optional(f.values.appliedOn) ?? null,
          ratedOn: f.values.ratedOn ?? '',
          certificateNo: optional(f.values.certificateNo) ?? null,
          note: optional(f.values.note) ?? null,
          overrideReason: optional(f.values.overrideReason) ?? null,
        })
      }
    >
      <SimpleGrid cols={2}>
        <Choice
          f={f}
          name="grade"
          label="评估等级"
          data={[5, 4, 3, 2, 1].map((g) => ({ value: String(g), label: `${g}A` }))}
          required
        />
        <Text_ f={f} name="certificateNo" label="证书/文件编号" />
        <DateIn f={f} name="appliedOn" label="申报日期" />
        <DateIn f={f} name="ratedOn" label="评定日期" required />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        有效期 5
        年，自评定日期起算。系统按申报日期（未填则按评定日期）核对申报条件；不符合条件但确已评定的，请填写原因。
      </Text>
      <Area f={f} name="overrideReason" label="不符合申报条件仍录入的原因" />
      <Area f={f} name="note" label="备注" />
    </FormModal>
  );
}

export function RatingEndDialog(props: DialogProps & { rating: RatingView }) {
  const f = useFields({ kind: 'downgraded' });
  const r = props.rating;
  return (
    <FormModal
      title={`处理 ${r.grade}A 评估等级`}
      opened={props.opened}
      onClose={props.onClose}
      f={f}
      onSaved={props.onSaved}
      submit={() =>
        call('orgs.ratings.end', {
          id: r.id,
          version: r.version,
          kind: f.values.kind as 'downgraded',
          endedOn: f.values.endedOn ?? '',
          reason: f.values.reason ?? '',
          ...(f.values.kind === 'downgraded' ? { newGrade: toCount(f.values.newGrade) } : {}),
        })
      }
    >
      <Choice
        f={f}
        name="kind"
        label="处理方式"
        data={(['downgraded', 'cancelled', 'voided'] as const).map((k) => ({
          value: k,
          label: orgLabel('ratingEnd', k),
        }))}
        required
      />
      {f.values.kind === 'downgraded' && (
        <Choice
          f={f}
          name="newGrade"
          label="降低后的等级"
          placeholder="请选择"
          data={[4, 3, 2, 1].filter((g) => g < r.grade).map((g) => ({ value: String(g), label: `${g}A` }))}
          required
        />
      )}
      <DateIn f={f} name="endedOn" label="处理日期" required />
      <Area f={f} name="reason" label="原因" required />
    </FormModal>
  );
}

export function TermStartDialog(props: DialogProps & { org: OrgView }) {
  const f = useFields({ termNo: '1', termYears: props.org.termYears ? String(props.org.termYears) : '' });
  return (
    <FormModal
      title={`录入本届任期：${props.org.name}`}
      opened={props.opened}
      onClose={props.onClose}
      f={f}
      onSaved={props.onSaved}
      submit={() =>
        call('orgs.terms.start', {
          orgId: props.org.id,
          termNo: toCount(f.values.termNo),
          startedOn: f.values.startedOn ?? '',
          ...(optional(f.values.termYears) ? { termYears: toCount(f.values.termYears) } : {}),
          note: optional(f.values.note) ?? null,
        })
      }
    >
      <SimpleGrid cols={3}>
        <Text_ f={f} name="termNo" label="届次" required />
        <DateIn f={f} name="startedOn" label="本届开始日期" required />
        <Text_ f={f} name="termYears" label="每届年限" required />
      </SimpleGrid>
      <Area f={f} name="note" label="备注" />
    </FormModal>
  );
}

export function TermCompleteDialog(props: DialogProps & { term: TermView }) {
  const f = useFields({});
  return (
    <FormModal
      title={`第 ${props.term.termNo} 届换届完成`}
      opened={props.opened}
      onClose={props.onClose}
      f={f}
      onSaved={props.onSaved}
      submit={() =>
        call('orgs.terms.complete', {
          id: props.term.id,
          version: props.term.version,
          doneOn: f.values.doneOn ?? '',
          note: optional(f.values.note) ?? null,
        })
      }
    >
      <DateIn f={f} name="doneOn" label="换届日期" required />
      <Text size="sm" c="dimmed">
        保存后自动开始第 {props.term.termNo + 1} 届，任期按章程规定的年限计算。
      </Text>
      <Area f={f} name="note" label="备注" />
    </FormModal>
  );
}

export function TermPostponeDialog(props: DialogProps & { term: TermView }) {
  const f = useFields({});
  return (
    <FormModal
      title={`第 ${props.term.termNo} 届延期换届`}
      opened={props.opened}
      onClose={props.onClose}
      f={f}
      onSaved={props.onSaved}
      submit={() =>
        call('orgs.terms.postpone', {
          id: props.term.id,
          version: props.term.version,
          postponedTo: f.values.postponedTo ?? '',
          reason: f.values.reason ?? '',
        })
      }
    >
      <Text size="sm">原定换届日期：{props.term.postponedTo ?? props.term.dueOn}</Text>
      <DateIn f={f} name="postponedTo" label="延期至" required />
      <Area f={f} name="reason" label="延期事由" required />
    </FormModal>
  );
}
