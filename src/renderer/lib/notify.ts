import { notifications } from '@mantine/notifications';
import { ApiError } from '../api';

/** Ids of the error notices still shown: a later success clears them (they are about work now done). */
const errorIds = new Set<string>();
let seq = 0;

export function notifyError(e: unknown, title = '操作未完成'): void {
  const message = e instanceof ApiError || e instanceof Error ? e.message : String(e);
  const id = `error-${++seq}`;
  errorIds.add(id);
  notifications.show({ id, color: 'red', title, message, autoClose: 8000, onClose: () => errorIds.delete(id) });
}

/**
 * Takes the error notices away: after a success (issue 20: they no longer describe the page), and when the clerk
 * goes to another page or month (they name the one left).
 */
export function clearErrorNotices(): void {
  for (const id of errorIds) notifications.hide(id);
  errorIds.clear();
}

/** A success notice; the earlier error notices are taken away. */
export function notifyOk(message: string): void {
  clearErrorNotices();
  notifications.show({ color: 'green', message, autoClose: 3000 });
}

/** Field errors from an ApiError, for a form's setErrors. */
export function fieldErrorsOf(e: unknown): Record<string, string> {
  return e instanceof ApiError ? e.fields : {};
}
