import { Alert, Stack, Title } from '@mantine/core';

/** An honest entry for a page whose issue is not built yet: it says so, and shows no made-up data. */
export function NotBuilt({ title, what }: { title: string; what: string }) {
  return (
    <Stack>
      <Title order={2}>{title}</Title>
      <Alert color="gray" title="此功能尚未建成">
        {what}
      </Alert>
    </Stack>
  );
}
