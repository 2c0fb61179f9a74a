// First run: pick the township from the national division codes, create the first administrator.
import {
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { DivisionItem } from '../../../shared/api/township';
import { ApiError, call } from '../../api';
import { useCall } from '../../lib/useCall';

const toData = (items: DivisionItem[] | undefined) => (items ?? []).map((d) => ({ value: d.code, label: d.name }));

export function SetupWizard({ onDone }: { onDone: () => void }) {
  const [step, setStep] = useState(0);
  const [province, setProvince] = useState<string | null>(null);
  const [city, setCity] = useState<string | null>(null);
  const [county, setCounty] = useState<string | null>(null);
  const [street, setStreet] = useState<string | null>(null);
  const [username, setUsername] = useState('admin');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const provinces = useCall('divisions.children', {});
  const cities = useCall('divisions.children', { parent: province ?? '00' }, { skip: !province });
  const counties = useCall('divisions.children', { parent: city ?? '0000' }, { skip: !city });
  const streets = useCall('divisions.children', { parent: county ?? '000000' }, { skip: !county });
  const villages = useCall('divisions.villages', { street: street ?? '000000000' }, { skip: !street });
  const streetName = streets.data?.find((s) => s.code === street)?.name;

  async function finish() {
    const errs: Record<string, string> = {};
    if (password !== password2) errs.password2 = '两次输入的密码不一致';
    setErrors(errs);
    if (Object.keys(errs).length > 0 || !street) return;
    setBusy(true);
    setError(undefined);
    try {
      await call('setup.init', { townshipCode: street, admin: { username, displayName, password } });
      onDone();
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k.replace(/^admin\./, ''), v])));
        setError(e.message);
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" bg="gray.0" p="lg">
      <Paper withBorder shadow="sm" p="xl" w={760}>
        <Stack>
          <Title order={2}>首次使用：建立本街道/乡镇的台账</Title>
          <Stepper active={step} onStepClick={(s) => s < step && setStep(s)}>
            <Stepper.Step label="选择街道/乡镇" description="按全国行政区划代码">
              <Stack mt="md">
                <SimpleGrid cols={2}>
                  <Select
                    label="省（自治区、直辖市）"
                    searchable
                    data={toData(provinces.data)}
                    value={province}
                    onChange={(v) => {
                      setProvince(v);
                      setCity(null);
                      setCounty(null);
                      setStreet(null);
                    }}
                  />
                  <Select
                    label="市（地区、州）"
                    searchable
                    disabled={!province}
                    data={toData(cities.data)}
                    value={city}
                    onChange={(v) => {
                      setCity(v);
                      setCounty(null);
                      setStreet(null);
                    }}
                  />
                  <Select
                    label="县（市、区）"
                    searchable
                    disabled={!city}
                    data={toData(counties.data)}
                    value={county}
                    onChange={(v) => {
                      setCounty(v);
                      setStreet(null);
                    }}
                  />
                  <Select
                    label="街道/乡镇"
                    searchable
                    disabled={!county}
                    data={toData(streets.data)}
                    value={street}
                    onChange={setStreet}
                  />
                </SimpleGrid>
                {street && villages.data && (
                  <Stack gap="xs">
                    <Text size="sm">
                      {streetName}（代码 {street}）下辖 {villages.data.length}{' '}
                      个村(社区)，将作为本台账的村(社区)名单（以后可以改名、撤并）：
                    </Text>
                    <ScrollArea h={160}>
                      <Group gap={6}>
                        {villages.data.map((v) => (
                          <Badge key={v.code} variant="light" color={v.kind === 'community' ? 'teal' : 'blue'}>
                            {v.name}
                          </Badge>
                        ))}
                      </Group>
                    </ScrollArea>
                  </Stack>
                )}
                <Group justify="flex-end">
                  <Button disabled={!street} onClick={() => setStep(1)}>
                    下一步
                  </Button>
                </Group>
              </Stack>
            </Stepper.Step>
            <Stepper.Step label="管理员账号" description="每人一个账号，不共用">
              <Stack mt="md">
                <Text size="sm" c="dimmed">
                  管理员负责用户和设置。审核人、经办人账号在登录后的“设置 → 用户”中添加。
                </Text>
                <TextInput
                  label="登录名"
                  value={username}
                  onChange={(e) => setUsername(e.currentTarget.value)}
                  error={errors.username}
                />
                <TextInput
                  label="姓名"
                  value={displayName}
                  onChange={(e) => setDisplayName(e.currentTarget.value)}
                  error={errors.displayName}
                />
                <PasswordInput
                  label="密码（至少 8 位）"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={errors.password}
                />
                <PasswordInput
                  label="再次输入密码"
                  value={password2}
                  onChange={(e) => setPassword2(e.currentTarget.value)}
                  error={errors.password2}
                />
                {error && (
                  <Alert color="red" role="alert">
                    {error}
                  </Alert>
                )}
                <Group justify="space-between">
                  <Button variant="default" onClick={() => setStep(0)}>
                    上一步
                  </Button>
                  <Button loading={busy} onClick={() => void finish()}>
                    完成设置
                  </Button>
                </Group>
              </Stack>
            </Stepper.Step>
          </Stepper>
        </Stack>
      </Paper>
    </Center>
  );
}
