// The window opens where the clerk left it, unless that place is no longer on any screen.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWindowState, saveWindowState, usableState } from '../../../src/main/electron/windowState';

const laptop = [{ x: 0, y: 0, width: 1920, height: 1040 }];
const docked = [...laptop, { x: 1920, y: 0, width: 2560, height: 1400 }];
const dir = mkdtempSync(join(tmpdir(), 'civil-ledger-window-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('remembered window position', () => {
  it('comes back as saved', () => {
    const file = join(dir, 'a.json');
    saveWindowState(file, { bounds: { x: 2000, y: 40, width: 1400, height: 900 }, maximized: true });
    expect(loadWindowState(file, docked)).toEqual({
      bounds: { x: 2000, y: 40, width: 1400, height: 900 },
      maximized: true,
    });
  });

  it('is dropped when the monitor it was on is gone', () => {
    const file = join(dir, 'a.json');
    expect(loadWindowState(file, laptop)).toBeNull();
  });

  it('is dropped when the title bar is above the screen', () => {
    expect(usableState({ bounds: { x: 10, y: -500, width: 1280, height: 820 } }, laptop)).toBeNull();
  });

  it('a broken or hand-edited file means the default size', () => {
    const file = join(dir, 'b.json');
    writeFileSync(file, '{"bounds": {"x": "10"');
    expect(loadWindowState(file, laptop)).toBeNull();
    expect(usableState({ bounds: { x: 0, y: 0, width: 200, height: 100 } }, laptop)).toBeNull();
    expect(loadWindowState(join(dir, 'missing.json'), laptop)).toBeNull();
  });
});
