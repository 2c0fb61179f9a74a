// A modal form: the fields, the core's refusal (if any) above the buttons, and 取消 / the action button.
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

export function FormModal(props: {
  title: string;
  opened: boolean;
  onClose: () => void;
  onSubmit: () => void;
  saving?: boolean;
  refusal?: string | undefined;
  submitLabel?: string;
  size?: string;
  children: ReactNode;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size={props.size ?? 'lg'} centered>
      <Stack>
        {props.children}
        {props.refusal && (
          <Alert color="red" title="未办理" role="alert">
            {props.refusal}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            取消
          </Button>
          <Button loading={props.saving} onClick={props.onSubmit}>
            {props.submitLabel ?? '保存'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
