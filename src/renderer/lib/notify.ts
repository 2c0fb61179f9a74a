import { notifications } from '@mantine/notifications';
import { ApiError } from '../api';

export function notifyError(e: unknown, title = '操作未完成'): void {
  const message = e instanceof ApiError || e instanceof Error ? e.message : String(e);
  notifications.show({ color: 'red', title, message, autoClose: 8000 });
}

export function notifyOk(message: string): void {
  notifications.show({ color: 'green', message, autoClose: 3000 });
}

/** Field errors from an ApiError, for a form's setErrors. */
export function fieldErrorsOf(e: unknown): Record<string, string> {
  return e instanceof ApiError ? e.fields : {};
}
