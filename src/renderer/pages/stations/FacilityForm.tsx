// New or edited 养老服务设施: type, village, operator and its credit code (checked as typed), operating model, beds,
// staff and service items.
import { SimpleGrid } from '@mantine/core';
import {
  FACILITY_TYPES,
  LEGAL_FORMS,
  OPERATING_MODELS,
  PREMISES,
  SERVICE_ITEMS,
  type FacilityView,
} from '../../../shared/api/stations';
import { useVillageOptions } from '../../lib/listing';
import {
  CallDialog,
  CheckGroupField,
  DateField,
  NumberField,
  SelectField,
  TextAreaField,
  TextField,
  textsOf,
  useFormContext,
  type Option,
  choices,
} from '../../lib/form';

function initialOf(f: FacilityView | null): Record<string, unknown> {
  if (!f) {
    return {
      name: '',
      type: null,
      villageId: null,
      address: '',
      operatorName: '',
      operatorUscc: '',
      legalForm: null,
      operatingModel: null,
      premises: null,
      contactName: '',
      contactPhone: '',
      bedsTotal: 0,
      bedsNursing: 0,
      bedsOccupied: 0,
      staffCount: 0,
      carerCount: 0,
      serviceItems: [],
      remark: '',
      status: 'building',
      openedOn: '',
    };
  }
  return {
    id: f.id,
    version: f.version,
    name: f.name,
    type: f.type,
    villageId: f.villageId,
    address: f.address,
    operatorName: f.operatorName,
    ...textsOf(f, ['operatorUscc', 'contactName', 'contactPhone', 'remark']),
    legalForm: f.legalForm,
    operatingModel: f.operatingModel,
    premises: f.premises,
    bedsTotal: f.bedsTotal,
    bedsNursing: f.bedsNursing,
    bedsOccupied: f.bedsOccupied,
    staffCount: f.staffCount,
    carerCount: f.carerCount,
    serviceItems: f.serviceItems,
    reason: '',
  };
}

export function FacilityForm(props: {
  facility: FacilityView | null;
  opened: boolean;
  onClose: () => void;
  onSaved: (f: FacilityView) => void;
}) {
  const editing = props.facility !== null;
  const villages = useVillageOptions();
  return (
    <CallDialog
      method={editing ? 'stations.facilities.update' : 'stations.facilities.create'}
      opened={props.opened}
      onClose={props.onClose}
      title={editing ? '编辑设施信息' : '新增养老服务设施'}
      size="xl"
      initial={initialOf(props.facility)}
      done={(saved) => (editing ? '设施信息已保存' : `已新增设施“${saved.name}”`)}
      onDone={props.onSaved}
    >
      <FacilityFields editing={editing} villages={villages} />
    </CallDialog>
  );
}

function FacilityFields({ editing, villages }: { editing: boolean; villages: Option[] }) {
  const form = useFormContext();
  const num = (path: string, text: string) => <NumberField path={path} label={text} />;
  const txt = (path: string, text: string, extra: { placeholder?: string; required?: boolean } = {}) => (
    <TextField path={path} label={text} {...extra} />
  );
  const sel = (path: string, text: string, data: { value: string; label: string }[], required = true) => (
    <SelectField
      path={path}
      label={text}
      data={data}
      required={required}
      clearable={!required}
      searchable={data.length > 8}
    />
  );

  return (
    <>
      <SimpleGrid cols={2}>
        {txt('name', '设施名称', { required: true })}
        {sel('type', '设施类型', choices(FACILITY_TYPES, 'facilityType'))}
        {sel('villageId', '所在村(社区)', villages, false)}
        {txt('address', '地址', { required: true })}
        {txt('operatorName', '运营方名称', { required: true })}
        {sel('legalForm', '运营方单位性质', choices(LEGAL_FORMS, 'legalForm'))}
        {txt('operatorUscc', '统一社会信用代码', { placeholder: '18 位，未登记的运营方可不填' })}
        {sel('operatingModel', '运营方式', choices(OPERATING_MODELS, 'operatingModel'))}
        {sel('premises', '用房性质', choices(PREMISES, 'premises'), false)}
        {txt('contactName', '联系人')}
        {txt('contactPhone', '联系电话')}
        {!editing && sel('status', '当前状态', choices(['building', 'operating'], 'facilityStatus'))}
        {!editing && form.values.status === 'operating' && <DateField path="openedOn" label="开业日期" />}
      </SimpleGrid>
      <SimpleGrid cols={5}>
        {num('bedsTotal', '床位总数')}
        {num('bedsNursing', '护理型床位')}
        {num('bedsOccupied', '在住人数')}
        {num('staffCount', '工作人员')}
        {num('carerCount', '其中护理员')}
      </SimpleGrid>
      <CheckGroupField path="serviceItems" label="服务项目" data={choices(SERVICE_ITEMS, 'serviceItem')} />
      <TextAreaField path="remark" label="备注" minRows={1} />
      {editing && txt('reason', '修改原因')}
    </>
  );
}
