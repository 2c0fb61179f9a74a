// Small state a page keeps around a clerk's actions: an action that is running (its button shows it is busy) and the
// record a dialog is open for.
import { useState } from 'react';
import { notifyError } from './notify';

/**
 * `[busy, act]`: `act(fn)` runs fn with busy set until it ends; a failure is told in a notice (and handed to
 * `onError`, e.g. to show it beside the button as well).
 */
export function useBusy(onError?: (e: unknown) => void): [boolean, (fn: () => Promise<void>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      onError?.(e);
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return [busy, act];
}

/** What a page hands its dialog: close it; and, once the dialog did its work, close it and refresh what changed. */
export interface Wiring {
  onClose: () => void;
  onDone: () => void;
}

export interface OpenFor<T> {
  /** The record the dialog is open for; null while it is closed. */
  item: T | null;
  open: (item: T) => void;
  /** For the dialog: `<Dialog row={x.item} {...x.wiring} />`. */
  wiring: Wiring;
}

/** Which record a page's dialog is open for (`true` for a dialog that needs none), and its close/done wiring. */
export function useOpenFor<T>(refresh: () => void): OpenFor<T> {
  const [item, setItem] = useState<T | null>(null);
  return {
    item,
    open: setItem,
    wiring: {
      onClose: () => setItem(null),
      onDone: () => {
        setItem(null);
        refresh();
      },
    },
  };
}
