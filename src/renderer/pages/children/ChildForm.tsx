// Registering a child, or editing the file: categories checked against the parents' situation by the core (the
// message names the rule), guardian, payee and — for 留守 children — the entrusted carer.
import { Divider, SimpleGrid } from '@mantine/core';
import type { ChildView } from '../../../shared/api/children';
import { useVillageOptions } from '../../lib/listing';
import {
  CallDialog,
  CheckGroupField,
  DateField,
  dropBlank,
  IdNumberField,
  SelectField,
  TextAreaField,
  TextField,
  textsOf,
  type Option,
} from '../../lib/form';
import { labelOptions } from '../../../shared/labels';
import { today } from '../../../shared/time';

export function ChildForm(props: { child?: ChildView; onClose: () => void; onSaved: (c: ChildView) => void }) {
  const villages = useVillageOptions(true);
  const c = props.child;
  return (
    <CallDialog
      method={c ? 'children.update' : 'children.register'}
      title={c ? `修改儿童档案：${c.name}` : '登记儿童（一人一档）'}
      size="xl"
      initial={{
        ...(c ? { id: c.id, version: c.version } : { registeredOn: today(), idNumber: '' }),
        ...textsOf(c, ['name', 'address', 'school', 'health', 'remark', 'entrustedOn']),
        ...textsOf(c, ['guardianName', 'guardianRelation', 'guardianPhone', 'payeeName', 'payeeRelation']),
        ...textsOf(c, ['carerName', 'carerRelation', 'carerPhone']),
        villageId: c?.villageId ?? null,
        categories: c?.categories ?? [],
        fatherStatus: c?.fatherStatus ?? null,
        motherStatus: c?.motherStatus ?? null,
        placement: c?.placement ?? null,
        payeeAccount: '',
      }}
      // A blank account means "unchanged"; a blank date or placement is left out.
      prepare={(v) => dropBlank(v, ['payeeAccount', 'entrustedOn', 'placement'])}
      done={c ? '已保存' : '已登记'}
      onClose={props.onClose}
      onDone={props.onSaved}
    >
      <ChildFields child={c} villages={villages} />
    </CallDialog>
  );
}

function ChildFields({ child: c, villages: villageOptions }: { child?: ChildView; villages: Option[] }) {
  return (
    <>
      <SimpleGrid cols={3}>
        <TextField path="name" label="姓名" required />
        {!c && <IdNumberField path="idNumber" label="身份证号码" required checkLedger />}
        <SelectField path="villageId" label="村(社区)" data={villageOptions} required searchable />
        {!c && <DateField path="registeredOn" label="登记日期" required />}
        <TextField path="address" label="住址" />
        <TextField path="school" label="就读学校" />
      </SimpleGrid>
      <CheckGroupField path="categories" label="儿童类别（可多选）" data={labelOptions('childCategory')} required />
      <SimpleGrid cols={3}>
        <SelectField path="fatherStatus" label="父亲情况" data={labelOptions('parentStatus')} required />
        <SelectField path="motherStatus" label="母亲情况" data={labelOptions('parentStatus')} required />
        <SelectField path="placement" label="养育方式（孤儿）" data={labelOptions('childPlacement')} clearable />
      </SimpleGrid>
      <TextField path="health" label="健康/残疾情况" />
      <Divider label="监护人与领款人" labelPosition="left" />
      <SimpleGrid cols={3}>
        <PersonInCharge at="guardian" name="监护人" phone="监护人电话" />
        <TextField path="payeeName" label="领款人" />
        <TextField path="payeeRelation" label="领款人与儿童关系" />
        <TextField
          path="payeeAccount"
          label={c?.payeeAccountMasked ? `领款账号（现为 ${c.payeeAccountMasked}，不改请留空）` : '领款账号'}
        />
      </SimpleGrid>
      <Divider label="委托照护（留守儿童）" labelPosition="left" />
      <SimpleGrid cols={4}>
        <PersonInCharge at="carer" name="受委托照护人" phone="照护人电话" />
        <DateField path="entrustedOn" label="书面委托日期" />
      </SimpleGrid>
      <TextAreaField path="remark" label="备注" />
    </>
  );
}

/** Who looks after the child (监护人, or the 受委托照护人 of a 留守 child): name, relation to the child, phone. */
function PersonInCharge({ at, name, phone }: { at: 'guardian' | 'carer'; name: string; phone: string }) {
  return (
    <>
      <TextField path={`${at}Name`} label={name} />
      <TextField path={`${at}Relation`} label="与儿童关系" />
      <TextField path={`${at}Phone`} label={phone} />
    </>
  );
}
