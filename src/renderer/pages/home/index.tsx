// 工作台. The monthly state, what is due and the charts arrive with the report issue (4).
import { Alert, Stack, Text, Title } from '@mantine/core';
import { useSession } from '../../lib/session';
import { label } from '../../../shared/labels';
import type { NavEntry, RouteDef } from '../../lib/route';

function Home() {
  const { user, township } = useSession();
  return (
    <Stack>
      <Title order={2}>工作台</Title>
      <Text>
        {township?.path} · {user.displayName}（{label('role', user.role)}）
      </Text>
      <Alert color="gray" title="月度状态与待办">
        本月状态、各台账待办事项和图表由月度报表功能（issue 4）建设，尚未建成。
      </Alert>
    </Stack>
  );
}

export const nav: NavEntry = { label: '工作台', path: '/' };
export const routes: RouteDef[] = [{ path: '/', component: Home }];
