// One facility: details and licences, monthly figures, safety inspections, rating and subsidies, complaints; and its
// life — 开业, 编辑, 停止运营.
import { Attachments } from '../../components/Attachments';
import { Alert, Anchor, Badge, Button, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { LICENCE_KINDS, type FacilityView } from '../../../shared/api/stations';
import { label } from '../../../shared/labels';
import { useCall } from '../../lib/useCall';
import { FacilityForm } from './FacilityForm';
import { statusColor } from './FacilityList';
import { ComplaintsTab } from './ComplaintsTab';
import { InspectionsTab } from './InspectionsTab';
import { MonthsTab } from './MonthsTab';
import { RatingTab } from './RatingTab';
import { VoidButton } from './VoidButton';
import { CallDialog, DateField, SelectField, TextField, type Values, DatedDialog, choices } from '../../lib/form';
import { todayCn } from './format';
import { DataTable } from '../../components/DataTable';
import { Info } from '../../components/Info';
import { TabSet } from '../../components/TabSet';

type Dialog = 'edit' | 'open' | 'close' | 'licence' | null;

function LifeDialogs(props: { f: FacilityView; dialog: Dialog; close: () => void; saved: () => void }) {
  const { f } = props;
  // The version is the facility's as shown now (it changes with every edit on this page).
  const ref = (v: Values) => ({ ...v, id: f.id, version: f.version });
  return (
    <>
      {props.dialog === 'open' && (
        <CallDialog
          method="stations.facilities.open"
          title={`开业：${f.name}`}
          submitLabel="确认开业"
          initial={{ openedOn: todayCn() }}
          prepare={ref}
          done="已登记开业"
          onClose={props.close}
          onDone={props.saved}
        >
          <DateField path="openedOn" label="开业日期" required />
        </CallDialog>
      )}
      {props.dialog === 'close' && (
        <DatedDialog
          method="stations.facilities.close"
          title={`停止运营：${f.name}`}
          submitLabel="确认停止运营"
          record={f}
          date={['closedOn', '停止运营日期']}
          text={['reason', '停止运营原因']}
          done="已登记停止运营"
          onClose={props.close}
          onDone={props.saved}
        />
      )}
      {props.dialog === 'licence' && (
        <CallDialog
          method="stations.licences.add"
          title="登记证照"
          initial={{ facilityId: f.id, kind: null, number: '', issuer: '', issuedOn: '', expiresOn: '' }}
          done="证照已登记"
          onClose={props.close}
          onDone={props.saved}
        >
          <SelectField path="kind" label="证照类型" required data={choices(LICENCE_KINDS, 'licenceKind')} />
          <TextField path="number" label="证照编号" required />
          <TextField path="issuer" label="发证机关" />
          <DateField path="issuedOn" label="发证日期" required />
          <DateField path="expiresOn" label="有效期至（长期有效不填）" />
        </CallDialog>
      )}
    </>
  );
}

const licenceState = {
  valid: ['有效', 'green'],
  expiring: ['即将到期', 'orange'],
  expired: ['已过期', 'red'],
  voided: ['已作废', 'gray'],
} as const;

function Details(props: { f: FacilityView; onAddLicence: () => void; onChange: () => void }) {
  const { f } = props;
  return (
    <Stack>
      <SimpleGrid cols={4}>
        <Info label="设施类型">{label('facilityType', f.type)}</Info>
        <Info label="所在村(社区)">{f.villageName}</Info>
        <Info label="地址">{f.address}</Info>
        <Info label="运营方式">{label('operatingModel', f.operatingModel)}</Info>
        <Info label="运营方">{f.operatorName}</Info>
        <Info label="统一社会信用代码">{f.operatorUscc}</Info>
        <Info label="单位性质">{label('legalForm', f.legalForm)}</Info>
        <Info label="用房性质">{label('premises', f.premises)}</Info>
        <Info label="联系人">{f.contactName}</Info>
        <Info label="联系电话">{f.contactPhone}</Info>
        <Info label="开业日期">{f.openedOn}</Info>
        <Info label="停止运营">{f.closedOn ? `${f.closedOn}（${f.closeReason ?? ''}）` : null}</Info>
        <Info label="床位（总/护理型/在住）">
          {f.bedsTotal} / {f.bedsNursing} / {f.bedsOccupied}
        </Info>
        <Info label="工作人员（其中护理员）">
          {f.staffCount}（{f.carerCount}）
        </Info>
        <Info label="服务项目">{f.serviceItems.map((s) => label('serviceItem', s)).join('、')}</Info>
        <Info label="备注">{f.remark}</Info>
      </SimpleGrid>
      <Group justify="space-between">
        <Title order={4}>证照</Title>
        {f.status !== 'closed' && (
          <Button size="xs" variant="light" onClick={props.onAddLicence}>
            登记证照
          </Button>
        )}
      </Group>
      <DataTable
        head={['类型', '编号', '发证机关', '发证日期', '有效期至', '状态', '操作']}
        rows={f.licences}
        rowKey={(l) => l.id}
        cells={(l) => [
          label('licenceKind', l.kind),
          l.number,
          l.issuer ?? '—',
          l.issuedOn,
          l.expiresOn ?? '长期',
          <Badge color={licenceState[l.state][1]} variant="light">
            {licenceState[l.state][0]}
          </Badge>,
          !l.voided && (
            <VoidButton
              method="stations.licences.void"
              id={l.id}
              version={l.version}
              what={`证照 ${l.number}`}
              onDone={props.onChange}
            />
          ),
        ]}
      />
      {f.licences.length === 0 && <Text c="dimmed">尚未登记证照</Text>}
    </Stack>
  );
}

export function FacilityPage(props: { params: Record<string, string> }) {
  const id = props.params.id ?? '';
  const facility = useCall('stations.facilities.get', { id });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tab, setTab] = useState<string | null>('info');
  const f = facility.data;
  if (facility.error) return <Alert color="red">{facility.error.message}</Alert>;
  if (!f) return <Loader />;
  const saved = () => {
    setDialog(null);
    facility.reload();
  };
  return (
    <Stack>
      <Anchor href="#/stations">← 返回服务设施列表</Anchor>
      {f.status === 'building' && f.bedsOccupied > 0 && (
        <Alert color="yellow" title="请核实">
          该设施仍为“建设中”，却登记了 {f.bedsOccupied} 位在住老人：已在运营的请办理“开业”，否则请更正在住人数。
        </Alert>
      )}
      <Group justify="space-between">
        <Group>
          <Title order={2}>{f.name}</Title>
          <Badge color={statusColor[f.status]} size="lg" variant="light">
            {label('facilityStatus', f.status)}
          </Badge>
          {f.rating && <Badge size="lg">{f.rating}</Badge>}
          {f.overdueRectifications > 0 && (
            <Badge color="red" size="lg">
              整改逾期 {f.overdueRectifications} 项
            </Badge>
          )}
        </Group>
        <Group>
          {f.status !== 'closed' && (
            <Button variant="default" onClick={() => setDialog('edit')}>
              编辑
            </Button>
          )}
          {f.status === 'building' && <Button onClick={() => setDialog('open')}>开业</Button>}
          {f.status !== 'closed' && (
            <Button color="red" variant="light" onClick={() => setDialog('close')}>
              停止运营
            </Button>
          )}
        </Group>
      </Group>
      <TabSet
        value={tab}
        onChange={setTab}
        tabs={[
          ['info', '基本信息', <Details f={f} onAddLicence={() => setDialog('licence')} onChange={facility.reload} />],
          ['months', '月度运营', <MonthsTab f={f} />],
          ['inspections', '安全检查', <InspectionsTab f={f} onChange={facility.reload} />],
          ['rating', '评级与补贴', <RatingTab f={f} onChange={facility.reload} />],
          ['complaints', '投诉', <ComplaintsTab f={f} />],
          ['files', '附件', <Attachments entity="facilities" entityId={f.id} />],
        ]}
      />
      {dialog === 'edit' && <FacilityForm facility={f} opened onClose={() => setDialog(null)} onSaved={saved} />}
      {(dialog === 'open' || dialog === 'close' || dialog === 'licence') && (
        <LifeDialogs f={f} dialog={dialog} close={() => setDialog(null)} saved={saved} />
      )}
    </Stack>
  );
}
