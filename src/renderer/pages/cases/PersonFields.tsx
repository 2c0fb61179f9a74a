// The fields of one person (used for each member of a new household, a new member, and an edit).
import { Group, SimpleGrid } from '@mantine/core';
import { IdNumberField, SelectField, TextField } from '../../lib/form';
import {
  disabilityGradeOptions,
  disabilityTypeOptions,
  healthOptions,
  labourOptions,
  memberRelationOptions,
  relationOptions,
} from './members';

export function PersonFields(props: { prefix: string; withRelation?: boolean; headFixed?: boolean }) {
  const p = props.prefix;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
      <TextField path={`${p}name`} label="姓名" required />
      <IdNumberField path={`${p}idNumber`} checkLedger />
      {props.withRelation && (
        <SelectField
          path={`${p}relation`}
          label="与户主关系"
          data={props.headFixed ? relationOptions.filter((o) => o.value === '户主') : memberRelationOptions}
          required
        />
      )}
      <TextField path={`${p}phone`} label="联系电话" />
      <SelectField path={`${p}labourCapacity`} label="劳动能力" data={labourOptions} clearable />
      <SelectField path={`${p}health`} label="健康状况" data={healthOptions} clearable />
      <SelectField path={`${p}disabilityType`} label="残疾类别" data={disabilityTypeOptions} clearable />
      <Group grow gap="xs">
        <SelectField path={`${p}disabilityGrade`} label="残疾等级" data={disabilityGradeOptions} clearable />
      </Group>
      <TextField path={`${p}disabilityCert`} label="残疾证号" />
      <TextField path={`${p}bankName`} label="开户银行" />
      <TextField path={`${p}bankAccount`} label="银行账号" />
      <TextField path={`${p}cardAccount`} label="一卡通账号" />
    </SimpleGrid>
  );
}
