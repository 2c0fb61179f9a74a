// The fields of one person (used for each member of a new household, a new member, and an edit).
import { Group, SimpleGrid } from '@mantine/core';
import { IdNumberField, SelectField, TextField, type Form } from '../../lib/form';
import {
  disabilityGradeOptions,
  disabilityTypeOptions,
  healthOptions,
  labourOptions,
  relationOptions,
} from './members';

export function PersonFields(props: { form: Form; prefix: string; withRelation?: boolean; headFixed?: boolean }) {
  const p = props.prefix;
  const { form } = props;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
      <TextField form={form} path={`${p}name`} label="姓名" required />
      <IdNumberField form={form} path={`${p}idNumber`} checkLedger />
      {props.withRelation && (
        <SelectField
          form={form}
          path={`${p}relation`}
          label="与户主关系"
          data={
            props.headFixed
              ? relationOptions.filter((o) => o.value === '户主')
              : relationOptions.filter((o) => o.value !== '户主')
          }
          required
        />
      )}
      <TextField form={form} path={`${p}phone`} label="联系电话" />
      <SelectField form={form} path={`${p}labourCapacity`} label="劳动能力" data={labourOptions} clearable />
      <SelectField form={form} path={`${p}health`} label="健康状况" data={healthOptions} clearable />
      <SelectField form={form} path={`${p}disabilityType`} label="残疾类别" data={disabilityTypeOptions} clearable />
      <Group grow gap="xs">
        <SelectField
          form={form}
          path={`${p}disabilityGrade`}
          label="残疾等级"
          data={disabilityGradeOptions}
          clearable
        />
      </Group>
      <TextField form={form} path={`${p}disabilityCert`} label="残疾证号" />
      <TextField form={form} path={`${p}bankName`} label="开户银行" />
      <TextField form={form} path={`${p}bankAccount`} label="银行账号" />
      <TextField form={form} path={`${p}cardAccount`} label="一卡通账号" />
    </SimpleGrid>
  );
}
