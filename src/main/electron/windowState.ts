// The window's size and position, remembered between launches in the user data folder (window-state.json). Plain
// Node (no `electron` import), so the rules are unit-tested: a saved position that no longer fits any screen (a
// laptop undocked from its second monitor) is dropped, and a broken file means the defaults.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 1024, height: 680 };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** The saved state when it is well-formed and at least 100×100 px of its title area lies on one of `screens`. */
export function usableState(saved: unknown, screens: readonly Rect[]): WindowState | null {
  if (typeof saved !== 'object' || saved === null) return null;
  const { bounds, maximized } = saved as Partial<WindowState>;
  if (!bounds || ![bounds.x, bounds.y, bounds.width, bounds.height].every(isInt)) return null;
  if (bounds.width < MIN_SIZE.width || bounds.height < MIN_SIZE.height) return null;
  const visible = screens.some((s) => {
    const w = Math.min(bounds.x + bounds.width, s.x + s.width) - Math.max(bounds.x, s.x);
    const h = Math.min(bounds.y + 100, s.y + s.height) - Math.max(bounds.y, s.y);
    return w >= 100 && h >= 50;
  });
  return visible ? { bounds: { ...bounds }, maximized: maximized === true } : null;
}

export function loadWindowState(file: string, screens: readonly Rect[]): WindowState | null {
  try {
    return usableState(JSON.parse(readFileSync(file, 'utf8')), screens);
  } catch {
    return null;
  }
}

/** Written to a temp name and renamed, so a crash never leaves half a file. Failures are ignored (not vital). */
export function saveWindowState(file: string, state: WindowState): void {
  try {
    writeFileSync(`${file}.tmp`, JSON.stringify(state));
    renameSync(`${file}.tmp`, file);
  } catch {
    /* a read-only profile folder: the window opens at the default size next time */
  }
}
