// One fact on a record page: a small grey label over its value ('—' when there is none).
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

export function Info(props: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text>{props.children === null || props.children === '' ? '—' : props.children}</Text>
    </div>
  );
}
