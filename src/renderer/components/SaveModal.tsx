// A small dialog of plain inputs with one 保存 button under them (the form kit's FormModal is for forms driven by a
// contract schema).
import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

export function SaveModal(props: {
  opened: boolean;
  title: ReactNode;
  onClose: () => void;
  onSave: () => void;
  children: ReactNode;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title}>
      <Stack>
        {props.children}
        <Group justify="flex-end">
          <Button onClick={props.onSave}>保存</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
