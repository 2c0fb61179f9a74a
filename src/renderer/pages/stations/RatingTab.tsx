// 评级与补贴: star/level ratings with their validity, and subsidies (运营补贴 needs a valid rating).
import { Badge, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { SUBSIDY_KINDS, type FacilityView } from '../../../shared/api/stations';
import { label } from '../../../shared/labels';
import { formatYuan } from '../../../shared/money';
import { canReview, useSession } from '../../lib/session';
import { VoidButton } from './VoidButton';
import {
  CallDialog,
  DateField,
  fieldError,
  MoneyField,
  NumberField,
  SelectField,
  TextField,
  choices,
} from '../../lib/form';
import { todayCn } from './format';
import { DataTable } from '../../components/DataTable';

const CN = ['', '一', '二', '三', '四', '五'];

function RatingForm(props: { f: FacilityView; onClose: () => void; onSaved: () => void }) {
  const star = props.f.ratingScheme === 'star';
  return (
    <CallDialog
      method="stations.ratings.add"
      title={star ? '登记星级评定' : '登记等级评定'}
      onClose={props.onClose}
      initial={{
        facilityId: props.f.id,
        grade: null,
        score: null,
        ratedOn: todayCn(),
        validUntil: '',
        ratedBy: '',
      }}
      done="评定已登记"
      onDone={() => props.onSaved()}
    >
      {(form) => (
        <>
          <Select
            label={star ? '星级' : '等级'}
            required
            data={[1, 2, 3, 4, 5].map((g) => ({ value: String(g), label: star ? `${CN[g]}星级` : `${CN[g]}级` }))}
            allowDeselect={false}
            value={form.values.grade === null ? null : String(form.values.grade)}
            onChange={(v) => form.set('grade', v ? Number(v) : null)}
            error={fieldError(form, 'grade', '请选择星级/等级')}
          />
          <NumberField path="score" label="评定得分（可不填）" />
          <DateField path="ratedOn" label="评定日期" required />
          <DateField path="validUntil" label="有效期至（不填按设置的年限）" />
          <TextField path="ratedBy" label="评定机关" required />
        </>
      )}
    </CallDialog>
  );
}

function SubsidyForm(props: { f: FacilityView; onClose: () => void; onSaved: () => void }) {
  return (
    <CallDialog
      method="stations.subsidies.add"
      title="登记补贴"
      onClose={props.onClose}
      initial={{
        facilityId: props.f.id,
        kind: null,
        amountFen: undefined,
        grantedOn: todayCn(),
        period: '',
        documentNo: '',
      }}
      done="补贴已登记"
      onDone={() => props.onSaved()}
    >
      {(form) => (
        <>
          <SelectField path="kind" label="补贴类型" required data={choices(SUBSIDY_KINDS, 'subsidyKind')} />
          {form.values.kind === 'operating' && (
            <Text size="sm" c="dimmed">
              运营补贴须以拨付日有效的星级/等级评定为依据。
            </Text>
          )}
          <MoneyField path="amountFen" label="金额（元）" required />
          <DateField path="grantedOn" label="拨付日期" required />
          <TextField path="period" label="所属期间" placeholder="如 2026年第一季度" />
          <TextField path="documentNo" label="文号" />
        </>
      )}
    </CallDialog>
  );
}

export function RatingTab(props: { f: FacilityView; onChange: () => void }) {
  const { f } = props;
  const reviewer = canReview(useSession().user);
  const [dialog, setDialog] = useState<'rating' | 'subsidy' | null>(null);
  const saved = () => {
    setDialog(null);
    props.onChange();
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={4}>{f.ratingScheme === 'star' ? '星级评定' : '等级评定'}</Title>
        {f.status !== 'closed' && f.openedOn !== null && <Button onClick={() => setDialog('rating')}>登记评定</Button>}
      </Group>
      <DataTable
        striped
        head={['评定结果', '得分', '评定日期', '有效期至', '评定机关', '状态', reviewer && '操作']}
        rows={f.ratings}
        rowKey={(r) => r.id}
        cells={(r) => [
          r.label,
          r.score ?? '—',
          r.ratedOn,
          r.validUntil,
          r.ratedBy,
          r.voided ? (
            <Badge color="gray">已作废</Badge>
          ) : r.current ? (
            <Badge color="green">有效</Badge>
          ) : (
            <Badge color="orange">不在有效期</Badge>
          ),
          !r.voided && (
            <VoidButton
              method="stations.ratings.void"
              id={r.id}
              version={r.version}
              what={`${r.ratedOn} ${r.label}评定`}
              onDone={props.onChange}
            />
          ),
        ]}
      />
      {f.ratings.length === 0 && <Text c="dimmed">尚无评定记录</Text>}
      <Group justify="space-between">
        <Title order={4}>补贴（累计 {formatYuan(f.subsidyTotalFen)} 元）</Title>
        <Button variant="light" onClick={() => setDialog('subsidy')}>
          登记补贴
        </Button>
      </Group>
      <DataTable
        striped
        head={['类型', '金额（元）', '拨付日期', '所属期间', '依据评定', '文号', reviewer && '操作']}
        rows={f.subsidies}
        rowKey={(s) => s.id}
        rowProps={(s) => ({ style: s.voided ? { textDecoration: 'line-through' } : undefined })}
        cells={(s) => [
          label('subsidyKind', s.kind),
          formatYuan(s.amountFen),
          s.grantedOn,
          s.period ?? '—',
          s.ratingLabel ?? '—',
          s.documentNo ?? '—',
          !s.voided && (
            <VoidButton
              method="stations.subsidies.void"
              id={s.id}
              version={s.version}
              what={`${s.grantedOn} ${label('subsidyKind', s.kind)}`}
              onDone={props.onChange}
            />
          ),
        ]}
      />
      {dialog === 'rating' && <RatingForm f={f} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog === 'subsidy' && <SubsidyForm f={f} onClose={() => setDialog(null)} onSaved={saved} />}
    </Stack>
  );
}
